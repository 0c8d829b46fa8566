package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.edge.access.AccessLog;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The limits of a public gateway, each exceeded on a real edge in front of a real Kubo node: a client's request rate
 * (429 with Retry-After), the request line and header size (414, 431), the request timeout (504), the cap on
 * concurrent upstream requests (503 BUSY); and the access log line of served and blocked requests.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(GatewayLimitsTest.LowLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayLimitsTest {
    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String RUN = UUID.randomUUID().toString();
    private static final int BURST = 30;
    private static final int IDLE_TIMEOUT_SECONDS = 5;
    private static String open;
    private static String blocked;

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.edge.limits.rate-per-second", "2", "pinfold.edge.limits.burst", Integer.toString(BURST),
                    "pinfold.edge.limits.max-upstream-requests", "1", "pinfold.edge.limits.request-timeout", "2s",
                    "quarkus.http.idle-timeout", IDLE_TIMEOUT_SECONDS + "s");
        }
    }

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void contentAndPool() throws Exception {
        if (open != null) {
            return;
        }
        KuboNode kubo = KuboNodes.shared().first();
        publish("pinfold.nodes", new NodeRegistered("limits-" + RUN.substring(0, 8), kubo.peerId(), kubo.rpc(), kubo.gateway(),
                List.of(), "0.43.1", NodeState.ACTIVE));
        open = KuboContent.addDagPbFile(kubo, ("open " + RUN).getBytes(StandardCharsets.UTF_8));
        blocked = KuboContent.addDagPbFile(kubo, ("blocked " + RUN).getBytes(StandardCharsets.UTF_8));
        publish("pinfold.denylist", DenylistEntryAdded.of("/ipfs/" + blocked, 410, null, null, "N-limits"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/ipfs/" + blocked, Map.of()).statusCode() == 410);
    }

    @Test
    @Order(1)
    void servedAndBlockedRequestsAreAccessLogged() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.addHandler(capture);
        try {
            HttpResponse<String> served = get("/ipfs/" + open, Map.of("User-Agent", "limits-test"));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(get("/ipfs/" + blocked, Map.of()).statusCode()).isEqualTo(410);
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() >= 2);
        } finally {
            logger.removeHandler(capture);
        }
        String servedLine = lines.stream().filter(line -> line.contains(open)).findFirst().orElseThrow();
        assertThat(servedLine).matches("127\\.0\\.0\\.1 - - \\[[^\\]]+] \"GET /ipfs/" + open + " HTTP/1\\.1\" 200 "
                + ("open " + RUN).length() + " \"-\" \"limits-test\" duration=\\d+ms upstream=\\S+ block=- notice=- end=complete");
        assertThat(servedLine).doesNotContain("upstream=-");
        String blockedLine = lines.stream().filter(line -> line.contains(blocked)).findFirst().orElseThrow();
        assertThat(blockedLine).contains("\"GET /ipfs/" + blocked + " HTTP/1.1\" 410 ").contains("upstream=- block=/ipfs/")
                .contains("notice=N-limits");
    }

    @Test
    @Order(2)
    void anOverlongRequestLineOrHeaderIsRefused() throws Exception {
        assertThat(rawStatus("GET /ipfs/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).as("request line over 4096 bytes").isEqualTo(414);
        assertThat(rawStatus("GET /ipfs/" + open + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(21 * 1024) + "\r\n\r\n"))
                .as("headers over 20 KiB").isEqualTo(431);
    }

    @Test
    @Order(3)
    void aRequestNoNodeAnswersInTimeIs504AndHoldsTheOnlyUpstreamSlotMeanwhile() throws Exception {
        // Content no node has: Kubo searches for it far longer than the request timeout of 2 s.
        String missing = Cid.v1(Codec.RAW, Multihash.of(0x12, MessageDigest.getInstance("SHA-256")
                .digest(("missing " + RUN).getBytes(StandardCharsets.UTF_8)))).toString();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(request("/ipfs/" + missing, Map.of()), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        HttpResponse<String> busy = get("/ipfs/" + open, Map.of());
        assertThat(busy.statusCode()).as("a second upstream request while the only slot is taken: %s", busy.body()).isEqualTo(503);
        assertThat(busy.body()).contains("BUSY");
        assertThat(busy.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> timedOut = slow.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(504);
        assertThat(timedOut.body()).contains("REQUEST_TIMEOUT");
        assertThat(seconds).as("answered at the request timeout").isBetween(1.9, 6.0);
        assertThat(get("/ipfs/" + open, Map.of()).statusCode()).as("the slot is free again").isEqualTo(200);
    }

    @Test
    @Order(4)
    void aClientOverItsRateIsAnswered429WithRetryAfter() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 3 * BURST; i++) {
            HttpResponse<String> response = get("/ipfs/not-a-cid", Map.of());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long allowed = statuses.stream().filter(status -> status == 400).count();
        assertThat(limited).as("some request answered 429: %s", statuses).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isBetween(1L, 1L);
        assertThat(limited.body()).contains("TOO_MANY_REQUESTS");
        assertThat(allowed).as("at most the burst plus the rate over %.1f s", seconds).isLessThanOrEqualTo(BURST + (long) Math.ceil(2 * seconds) + 1);
        assertThat(statuses).containsOnly(400, 429);
        Thread.sleep(1100);
        assertThat(get("/ipfs/not-a-cid", Map.of()).statusCode()).as("served again after Retry-After").isEqualTo(400);
    }

    @Test
    @Order(5)
    void aClientThatStallsInItsRequestLineIsCutAtTheIdleTimeoutAndGetsNothing() throws Exception {
        // Vert.x hands the edge nothing before the headers are complete, so no 408 can be written (README "Limits"):
        // the connection is closed at quarkus.http.idle-timeout, without a byte of an answer.
        try (Socket socket = new Socket(main.getHost(), main.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ipfs/" + open).getBytes(StandardCharsets.ISO_8859_1)); // half a request line, then nothing
            out.flush();
            long started = System.nanoTime();
            int first;
            try {
                first = socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(first).as("nothing is answered to a request that never ends its line").isEqualTo(-1);
            assertThat(seconds).as("closed at the idle timeout of %d s", IDLE_TIMEOUT_SECONDS).isBetween(IDLE_TIMEOUT_SECONDS - 0.5,
                    IDLE_TIMEOUT_SECONDS + 10.0);
        }
    }

    private int rawStatus(String request) throws Exception {
        try (Socket socket = new Socket(main.getHost(), main.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int read = 0;
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String status = new String(head, 0, read, StandardCharsets.ISO_8859_1);
            assertThat(status).as("status line").startsWith("HTTP/1.");
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private HttpRequest request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + main.getHost() + ":" + main.getPort() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return request.build();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return HTTP.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static void publish(String topic, SelfKeyedEvent data) {
        PinfoldSource source = topic.equals("pinfold.nodes") ? PinfoldSource.PIN_SERVICE : PinfoldSource.TAKEDOWN_SERVICE;
        EventEnvelope<?> event = EventEnvelope.create(source, data);
        RecordPublisher.shared().publish(topic, event.key(), CloudEventHeaders.write(event), CODEC.encode(data));
    }
}
