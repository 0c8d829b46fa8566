package io.pinfold.systemtest.kubo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An HTTP pass-through in front of a real Kubo node's RPC API that notes when each call began and when its answer
 * ended (or was cut), so a test sees from the node's side which calls ran at the same time — across processes,
 * across a kill -9. Services are pointed at {@link #url()}; every request and answer passes unchanged (streamed
 * answers stream through). Not a fake: the node answers every call itself.
 */
public final class KuboCallRecorder implements AutoCloseable {
    /** Headers the JDK client sets itself or refuses to forward. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer");

    /** One RPC call as the node saw it: its command (e.g. pin/add), its arg, and its span in System.nanoTime. */
    public record Call(String command, String arg, long startNanos, long endNanos, int status, boolean cut) {
        public boolean overlaps(Call other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }

        @Override
        public String toString() {
            return command + " " + arg + " [" + startNanos / 1_000_000 + " ms → " + endNanos / 1_000_000 + " ms, "
                    + (cut ? "cut" : "status " + status) + "]";
        }
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kubo-recorder");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    private KuboCallRecorder(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a recorder in front of the Kubo RPC API at {@code rpcUrl}. */
    public static KuboCallRecorder inFrontOf(URI rpcUrl) {
        try {
            return new KuboCallRecorder(rpcUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback in front of " + rpcUrl, e);
        }
    }

    /** The URL to give the service as the node's RPC URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every finished call of {@code command} (e.g. "pin/add"), in the order they began. */
    public List<Call> calls(String command) {
        return calls.stream().filter(call -> call.command().equals(command)).sorted(Comparator.comparingLong(Call::startNanos)).toList();
    }

    /** Pairs of calls of {@code command} with the same arg that ran at the same time, as "first ⇄ second". */
    public List<String> overlapping(String command) {
        Map<String, List<Call>> byArg = calls(command).stream().collect(Collectors.groupingBy(Call::arg));
        List<String> overlaps = new ArrayList<>();
        byArg.values().forEach(same -> {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    if (same.get(i).overlaps(same.get(j))) {
                        overlaps.add(same.get(i) + " ⇄ " + same.get(j));
                    }
                }
            }
        });
        return overlaps;
    }

    private void forward(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String command = path.startsWith("/api/v0/") ? path.substring("/api/v0/".length()) : path;
        String arg = argOf(query);
        int status = 0;
        boolean cut = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            status = answer.statusCode();
            try (InputStream in = answer.body()) {
                answer.headers().map().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                Optional<Long> length = answer.headers().firstValueAsLong("content-length").stream().boxed().findFirst();
                exchange.sendResponseHeaders(status, length.map(n -> n == 0 ? -1L : n).orElse(0L));
                OutputStream out = exchange.getResponseBody();
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush(); // streamed answers (pin/add progress) reach the caller as they come
                }
            }
        } catch (IOException e) {
            cut = true; // the caller went away (a killed service) or the node did: closing the answer ends the call
        } finally {
            exchange.close();
            calls.add(new Call(command, arg, start, System.nanoTime(), status, cut));
        }
    }

    private static String argOf(String query) {
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("arg=")) {
                return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "Kubo call recorder " + url() + " → " + target;
    }
}
