package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.StoppableKuboNodes;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hot-content cache on a real edge in front of a real Kubo node of the test's own, fed by real topics: a second
 * GET (and a HEAD) is answered without a call to the node, and still when the node is stopped; a denylist entry
 * published after content was cached blocks every form of it, also through a parent directory's path (known only
 * from the roots the node reported when the answer was kept), and its removal serves the content again.
 */
@QuarkusTest
@WithTestResource(OwnKafkaTestResource.class)
@TestProfile(EdgeCacheTest.CacheOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeCacheTest {
    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String RUN = UUID.randomUUID().toString();
    private static final byte[] HOT = random(1024 * 1024, 1);
    private static final byte[] INNER = random(3000, 2);
    private static final byte[] SECRET = ("cached secret of " + RUN).getBytes(StandardCharsets.UTF_8);
    private static StoppableKuboNodes kubo;
    private static String nodeId;
    private static Map<String, String> dir;
    private static String secret;

    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.edge.cache.enabled", "true", "pinfold.edge.cache.max-bytes", "16M",
                    "pinfold.edge.cache.max-object-bytes", "2M");
        }
    }

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void contentAndPool() throws Exception {
        if (kubo != null) {
            return;
        }
        kubo = StoppableKuboNodes.start(1);
        KuboNode node = kubo.nodes().first();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("hot.bin", HOT);
        files.put("inner.bin", INNER);
        dir = KuboContent.addDirectory(node, files);
        secret = KuboContent.addDagPbFile(node, SECRET);
        NodeRegistered registered = new NodeRegistered("cache-" + RUN.substring(0, 8), node.peerId(), node.rpc(), node.gateway(),
                List.of(), "0.43.1", NodeState.ACTIVE);
        nodeId = registered.nodeId();
        publish("pinfold.nodes", registered);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ManagementPort.given(management).get("/edge/pool").then()
                .body("findAll { it.state == 'active' }.size()", Matchers.is(1)));
    }

    @AfterAll
    static void stopNode() {
        if (nodeId != null) {
            new RecordPublisher(OwnKafkaTestResource.bootstrap).publish("pinfold.nodes", nodeId, List.of(), null);
        }
        if (kubo != null) {
            kubo.close();
        }
    }

    @Test
    @Order(1)
    void aSecondGetAndAHeadAreAnsweredWithoutTheNode() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = capture(lines);
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
        String path = "/ipfs/" + dir.get("hot.bin");
        HttpResponse<byte[]> first;
        HttpResponse<byte[]> second;
        HttpResponse<byte[]> head;
        double calls;
        try {
            first = send("GET", path, Map.of());
            calls = upstreamCalls();
            second = send("GET", path, Map.of());
            head = send("HEAD", path, Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().filter(line -> line.contains(path)).count() >= 3);
        } finally {
            Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
        }
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(HOT);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).as("the hit's body").isEqualTo(HOT);
        assertThat(upstreamCalls()).as("no upstream call for the second GET and the HEAD").isEqualTo(calls);
        for (String header : List.of("Etag", "X-Ipfs-Roots", "Cache-Control", "Content-Type", "X-Ipfs-Path")) {
            assertThat(second.headers().firstValue(header)).as(header).isEqualTo(first.headers().firstValue(header));
        }
        assertThat(second.headers().firstValue("Content-Length")).contains(Integer.toString(HOT.length));
        assertThat(second.headers().firstValue("Date")).isPresent();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(HOT.length));
        List<String> logged = lines.stream().filter(line -> line.contains(path)).toList();
        assertThat(logged.get(0)).contains("upstream=" + nodeId);
        assertThat(logged.get(1)).contains("\"GET " + path).contains("upstream=cache").contains(" 200 " + HOT.length + " ");
        assertThat(logged.get(2)).contains("\"HEAD " + path).contains("upstream=cache");

        // Not kept: a range, a CAR.
        double before = upstreamCalls();
        for (int i = 0; i < 2; i++) {
            assertThat(send("GET", path, Map.of("Range", "bytes=0-9")).statusCode()).isEqualTo(206);
            assertThat(send("GET", path + "?format=car", Map.of()).statusCode()).isEqualTo(200);
        }
        assertThat(upstreamCalls()).as("ranges and CARs always go to the node").isEqualTo(before + 4);
        String metrics = ManagementPort.given(management).get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("pinfold_edge_cache_requests_total{result=\"hit\"}").contains("pinfold_edge_cache_bytes ")
                .contains("pinfold_edge_cache_entries ").contains("pinfold_edge_cache_evictions_total");
    }

    @Test
    @Order(2)
    void anEntryPublishedAfterCachingBlocksEveryCachedFormAndItsRemovalServesItAgain() throws Exception {
        Cid v0 = Cid.parse(secret);
        String inner = dir.get("inner.bin");
        List<String> secretForms = List.of("/ipfs/" + secret, "/ipfs/" + v0.toV1(), "/ipfs/" + v0.toV1().toString(MultibaseEncoding.BASE36),
                "/ipfs/" + Cid.v1(Codec.DAG_PB, v0.multihash()), "/ipfs/" + secret + "?format=raw");
        List<String> innerForms = List.of("/ipfs/" + inner, "/ipfs/" + dir.get("") + "/inner.bin", "/ipfs/" + inner + "?format=raw");
        List<Map<String, String>> headerSets = List.of(Map.of(), Map.of("Accept", "application/vnd.ipld.raw"));
        // Every form cached: a second round makes no upstream call.
        for (int round = 0; round < 2; round++) {
            double before = upstreamCalls();
            for (String form : concat(secretForms, innerForms)) {
                for (Map<String, String> headers : headerSets) {
                    HttpResponse<byte[]> response = send("GET", form, headers);
                    assertThat(response.statusCode()).as(form + " " + headers).isEqualTo(200);
                }
            }
            if (round == 1) {
                assertThat(upstreamCalls()).as("every form answered from the cache").isEqualTo(before);
            }
        }

        DenylistEntryAdded onSecret = DenylistEntryAdded.of("/ipfs/" + secret, 451, "court-order", "court order 56/78", "N-cache-" + RUN.substring(0, 6));
        DenylistEntryAdded onInner = DenylistEntryAdded.of("/ipfs/" + inner, 410, null, null, "N-inner-" + RUN.substring(0, 6));
        publish("pinfold.denylist", onSecret);
        publish("pinfold.denylist", onInner);
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/ipfs/" + secret, Map.of()).statusCode() == 451
                && send("GET", "/ipfs/" + inner, Map.of()).statusCode() == 410);
        for (String form : concat(secretForms, innerForms)) {
            int status = secretForms.contains(form) ? 451 : 410;
            for (Map<String, String> headers : headerSets) {
                for (String method : List.of("GET", "HEAD")) {
                    HttpResponse<byte[]> response = send(method, form, headers);
                    assertThat(response.statusCode()).as(method + " " + form + " " + headers).isEqualTo(status);
                    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
                    if (method.equals("GET")) {
                        assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(form).doesNotContain("cached secret")
                                .contains(status == 451 ? "N-cache-" : "N-inner-");
                    }
                }
            }
        }
        assertThat(ManagementPort.given(management).get("/q/metrics").then().extract().asString())
                .contains("pinfold_edge_cache_requests_total{result=\"blocked\"}")
                .contains("pinfold_edge_blocked_total{notice=\"N-inner-" + RUN.substring(0, 6) + "\",where=\"roots\"}");

        RecordPublisher publisher = new RecordPublisher(OwnKafkaTestResource.bootstrap);
        publisher.publish("pinfold.denylist", onSecret.recordKey(), List.of(), null);
        publisher.publish("pinfold.denylist", onInner.recordKey(), List.of(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/ipfs/" + secret, Map.of()).statusCode() == 200
                && send("GET", "/ipfs/" + inner, Map.of()).statusCode() == 200);
        for (String form : concat(secretForms, innerForms)) {
            HttpResponse<byte[]> response = send("GET", form, Map.of());
            assertThat(response.statusCode()).as(form).isEqualTo(200);
            byte[] content = secretForms.contains(form) ? SECRET : INNER;
            if (form.endsWith("?format=raw")) { // the block: for the dag-pb file, its protobuf around the bytes
                assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).as(form)
                        .contains(new String(content, StandardCharsets.ISO_8859_1));
            } else {
                assertThat(response.body()).as(form).isEqualTo(content);
            }
        }
    }

    @Test
    @Order(3)
    void cachedContentIsServedWithTheNodeStopped() throws Exception {
        String path = "/ipfs/" + dir.get("hot.bin");
        assertThat(send("GET", path, Map.of()).body()).isEqualTo(HOT);
        kubo.stop(1);
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> response = send("GET", path, Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(HOT);
        }
        assertThat(send("GET", "/ipfs/" + dir.get("") + "/hot.bin", Map.of()).statusCode()).as("never cached: needs the node")
                .isGreaterThanOrEqualTo(500);
    }

    /** Upstream answers over every node: the edge's latency timer counts one per call. */
    private double upstreamCalls() {
        return registry.find("pinfold.edge.upstream.latency").timers().stream().mapToDouble(Timer::count).sum();
    }

    private HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + main.getHost() + ":" + main.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void publish(String topic, SelfKeyedEvent data) {
        PinfoldSource source = topic.equals("pinfold.nodes") ? PinfoldSource.PIN_SERVICE : PinfoldSource.TAKEDOWN_SERVICE;
        EventEnvelope<?> event = EventEnvelope.create(source, data);
        new RecordPublisher(OwnKafkaTestResource.bootstrap).publish(topic, event.key(), CloudEventHeaders.write(event), CODEC.encode(data));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
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
    }
}
