package io.pinfold.takedown.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real HTTP server on loopback (the JDK's): a body that stalls half-way fails the read after
 * the read timeout, with the URL, the wait and the bytes read in the message, and the bytes before the stall
 * delivered exactly; a slow body whose pauses stay under the timeout is read whole; a reader that is slow itself
 * (the server done long ago) does not time out; 304 and other statuses.
 */
class HttpListFetcherTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final byte[] list = body(200_000);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stalls", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, list.length);
            OutputStream out = exchange.getResponseBody();
            out.write(list, 0, list.length / 2);
            out.flush();
            await(release, 60_000);
            exchange.close();
        });
        server.createContext("/trickles", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"t1\"");
            exchange.sendResponseHeaders(200, list.length);
            OutputStream out = exchange.getResponseBody();
            int step = list.length / 5;
            for (int at = 0; at < list.length; at += step) {
                out.write(list, at, Math.min(step, list.length - at));
                out.flush();
                pause(READ_TIMEOUT.toMillis() / 8);
            }
            exchange.close();
        });
        server.createContext("/whole", exchange -> {
            exchange.sendResponseHeaders(200, list.length);
            exchange.getResponseBody().write(list);
            exchange.close();
        });
        server.createContext("/unchanged", exchange -> {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(410, 4);
            exchange.getResponseBody().write("gone".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aBodyThatStallsHalfWayFailsAfterTheReadTimeoutHavingDeliveredWhatCame() throws Exception {
        URI url = url("/stalls");
        try (ListBody body = fetcher().fetch(url, null, null).orElseThrow()) {
            byte[] into = new byte[list.length];
            int got = 0;
            long started = 0;
            IOException failure = null;
            while (true) {
                try {
                    started = System.nanoTime();
                    int n = body.stream().read(into, got, into.length - got);
                    if (n < 0) {
                        break;
                    }
                    got += n;
                } catch (IOException e) {
                    failure = e;
                    break;
                }
            }
            long waited = System.nanoTime() - started;
            assertThat(failure).as("a stalled body must fail the read, not block").isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("GET " + url + ": the server sent nothing for 2 s (pinfold.imports.read-timeout) after "
                            + list.length / 2 + " bytes of the body; the run stops");
            assertThat(got).isEqualTo(list.length / 2);
            assertThat(Arrays.copyOf(into, got)).isEqualTo(Arrays.copyOf(list, list.length / 2));
            assertThat(Duration.ofNanos(waited)).isBetween(READ_TIMEOUT.minusMillis(50), READ_TIMEOUT.plusSeconds(10));
            assertThatThrownBy(() -> body.stream().read()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBodyWhosePausesStayUnderTheTimeoutIsReadWhole() throws Exception {
        try (ListBody body = fetcher().fetch(url("/trickles"), null, null).orElseThrow()) {
            assertThat(body.etag()).isEqualTo("\"t1\"");
            assertThat(body.stream().readAllBytes()).isEqualTo(list);
        }
    }

    @Test
    void aSlowReaderIsNotTakenForASilentServer() throws Exception {
        try (ListBody body = fetcher().fetch(url("/whole"), null, null).orElseThrow()) {
            InputStream in = body.stream();
            byte[] first = in.readNBytes(1000);
            pause(READ_TIMEOUT.toMillis() * 2);
            byte[] rest = in.readAllBytes();
            assertThat(first.length + rest.length).isEqualTo(list.length);
            assertThat(rest).isEqualTo(Arrays.copyOfRange(list, 1000, list.length));
        }
    }

    @Test
    void unchangedIsEmptyAndAnotherStatusFailsNamingIt() throws Exception {
        assertThat(fetcher().fetch(url("/unchanged"), "\"x\"", null)).isEmpty();
        assertThatThrownBy(() -> fetcher().fetch(url("/gone"), null, null)).isInstanceOf(IOException.class)
                .hasMessage("GET " + url("/gone") + " answered 410 (expected 200, or 304 when unchanged)");
    }

    private HttpListFetcher fetcher() {
        return new HttpListFetcher(new Config());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static byte[] body(int size) {
        StringBuilder text = new StringBuilder(size + 64);
        for (int i = 0; text.length() < size; i++) {
            text.append("/ipfs/line-").append(i).append('\n');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The defaults but a short read timeout. */
    private static final class Config implements ImportConfig {
        @Override
        public int batchSize() {
            return 500;
        }

        @Override
        public int readBatchSize() {
            return 5000;
        }

        @Override
        public long maxBytes() {
            return 1L << 30;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration responseTimeout() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration readTimeout() {
            return READ_TIMEOUT;
        }

        @Override
        public Duration leaseTtl() {
            return Duration.ofSeconds(120);
        }

        @Override
        public Duration scheduleCheck() {
            return Duration.ofSeconds(10);
        }

        @Override
        public int workers() {
            return 2;
        }

        @Override
        public int maxReportedBadLines() {
            return 1000;
        }

        @Override
        public int probeLines() {
            return 100;
        }
    }
}
