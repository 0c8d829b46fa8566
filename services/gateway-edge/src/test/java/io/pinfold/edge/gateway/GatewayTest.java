package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge as a gateway in front of two real Kubo nodes, fed by the real pinfold.nodes and pinfold.denylist topics:
 * content is served with the specs' headers, ranges and trustless formats; a denylist entry blocks it in every form,
 * through a parent's path and in a parent's CAR, before any byte; a tombstone serves it again; RPC is unreachable.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class GatewayTest {
    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String RUN = UUID.randomUUID().toString();
    private static final byte[] SECRET = ("secret words of " + RUN).getBytes(StandardCharsets.UTF_8);
    private static final byte[] PUBLIC = ("public words of " + RUN + " 0123456789").getBytes(StandardCharsets.UTF_8);
    private static Map<String, String> added;

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void contentAndPool() throws Exception {
        if (added != null) {
            return;
        }
        for (KuboNode kubo : KuboNodes.shared().all()) {
            publish("pinfold.nodes", new NodeRegistered("gw-" + kubo.name() + "-" + RUN.substring(0, 8), kubo.peerId(), kubo.rpc(),
                    kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("public.txt", PUBLIC);
        files.put("secret.txt", SECRET);
        added = KuboContent.addDirectory(KuboNodes.shared().first(), files);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void contentIsServedWithTheSpecsHeaders() throws Exception {
        String file = added.get("public.txt");
        HttpResponse<byte[]> response = get("/ipfs/" + file, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PUBLIC);
        assertThat(header(response, "Cache-Control")).isEqualTo("public, max-age=29030400, immutable");
        assertThat(header(response, "Etag")).isEqualTo("\"" + file + "\"");
        assertThat(header(response, "X-Ipfs-Roots")).isEqualTo(file);
        assertThat(header(response, "X-Ipfs-Path")).isEqualTo("/ipfs/" + file);

        String dir = added.get("");
        HttpResponse<byte[]> below = get("/ipfs/" + dir + "/public.txt", Map.of());
        assertThat(below.body()).isEqualTo(PUBLIC);
        assertThat(header(below, "X-Ipfs-Roots")).isEqualTo(dir + "," + file);
        assertThat(header(below, "X-Ipfs-Path")).isEqualTo("/ipfs/" + dir + "/public.txt");

        HttpResponse<byte[]> head = send("HEAD", "/ipfs/" + file, Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(PUBLIC.length));

        HttpResponse<byte[]> options = send("OPTIONS", "/ipfs/" + file, Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(header(options, "Access-Control-Allow-Methods")).contains("GET");
    }

    @Test
    void rangesAreServed() throws Exception {
        HttpResponse<byte[]> response = get("/ipfs/" + added.get("public.txt"), Map.of("Range", "bytes=7-11"));
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("words");
        assertThat(header(response, "Content-Range")).isEqualTo("bytes 7-11/" + PUBLIC.length);
    }

    @Test
    void rawBlocksAndCarsAreServedByAcceptAndByFormat() throws Exception {
        String file = added.get("public.txt");
        for (HttpResponse<byte[]> raw : List.of(get("/ipfs/" + file + "?format=raw", Map.of()),
                get("/ipfs/" + file, Map.of("Accept", "application/vnd.ipld.raw")))) {
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(header(raw, "Content-Type")).isEqualTo("application/vnd.ipld.raw");
            assertThat(raw.body()).isEqualTo(PUBLIC); // a raw leaf: the block is the file
        }
        for (HttpResponse<byte[]> car : List.of(get("/ipfs/" + added.get("") + "?format=car", Map.of()),
                get("/ipfs/" + added.get(""), Map.of("Accept", "application/vnd.ipld.car; version=1")))) {
            assertThat(car.statusCode()).isEqualTo(200);
            assertThat(header(car, "Content-Type")).startsWith("application/vnd.ipld.car");
            assertThat(new String(car.body(), StandardCharsets.ISO_8859_1)).contains(new String(PUBLIC, StandardCharsets.ISO_8859_1))
                    .contains(new String(SECRET, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aDenylistEntryBlocksEveryFormAndATombstoneServesItAgain() throws Exception {
        String secret = added.get("secret.txt");
        String dir = added.get("");
        Cid cid = Cid.parse(secret);
        String notice = "N-" + RUN.substring(0, 8);
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + secret, 451, "court-order", "court order 12/34", notice);
        publish("pinfold.denylist", entry);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipfs/" + secret, Map.of()).statusCode() == 451);

        Cid v1 = cid.toV1();
        List<String> forms = List.of("/ipfs/" + secret, "/ipfs/" + v1.toString(MultibaseEncoding.BASE32_UPPER),
                "/ipfs/" + v1.toString(MultibaseEncoding.BASE36), "/ipfs/" + v1.toString(MultibaseEncoding.BASE58_BTC),
                "/ipfs/" + v1.toString(MultibaseEncoding.BASE64_URL), "/ipfs/" + Cid.v0(cid.multihash()),
                "/ipfs/" + Cid.v1(Codec.DAG_PB, cid.multihash()), "/ipfs/%62" + secret.substring(1), "/ipfs//" + secret + "//",
                "/ipfs/" + secret + "?format=raw", "/ipfs/" + secret + "?format=car", "/ipfs/./" + secret,
                "/ipfs/" + dir + "/secret.txt", "/ipfs/" + dir + "//%73ecret.txt", "/ipfs/" + dir + "/public.txt/../secret.txt",
                "/ipfs/" + dir + "/secret.txt?format=raw", "/ipfs/" + dir + "/secret.txt?format=car");
        for (String form : forms) {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Accept", "application/vnd.ipld.raw"),
                    Map.of("Accept", "application/vnd.ipld.car"), Map.of("Range", "bytes=0-3"))) {
                for (String method : List.of("GET", "HEAD")) {
                    HttpResponse<byte[]> response = send(method, form, headers);
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    assertThat(response.statusCode()).as(method + " " + form + " " + headers).isEqualTo(451);
                    assertThat(body).as(form).doesNotContain("secret words");
                    if (method.equals("GET")) {
                        assertThat(body).as(form).contains(notice).contains("court-order");
                    }
                }
            }
        }

        // The parent's CAR carries the public block and stops before the blocked one; other content keeps flowing.
        byte[] car = readUntilCut("/ipfs/" + dir + "?format=car");
        String carText = new String(car, StandardCharsets.ISO_8859_1);
        assertThat(carText).contains(new String(PUBLIC, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(SECRET, StandardCharsets.ISO_8859_1));
        assertThat(get("/ipfs/" + dir + "/public.txt", Map.of()).statusCode()).isEqualTo(200);
        ManagementPort.given(management).get("/q/metrics").then()
                .body(Matchers.containsString("pinfold_edge_blocked_total{notice=\"" + notice + "\",where=\"car\"}"));

        RecordPublisher.shared().publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipfs/" + secret, Map.of()).statusCode() == 200);
        assertThat(get("/ipfs/" + dir + "/secret.txt", Map.of()).body()).isEqualTo(SECRET);
        assertThat(new String(get("/ipfs/" + dir + "?format=car", Map.of()).body(), StandardCharsets.ISO_8859_1))
                .contains(new String(SECRET, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aPathEntryBlocksThatPathWith410AndLeavesItsSiblings() throws Exception {
        String dir = added.get("");
        Cid cid = Cid.parse(dir);
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + dir + "/public.txt", 410, null, null, "N-path-" + RUN.substring(0, 8));
        publish("pinfold.denylist", entry);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipfs/" + dir + "/public.txt", Map.of()).statusCode() == 410);
            assertThat(get("/ipfs/" + Cid.v0(cid.multihash()) + "/./public.txt", Map.of()).statusCode()).isEqualTo(410);
            assertThat(new String(get("/ipfs/" + dir + "/public.txt", Map.of()).body(), StandardCharsets.UTF_8)).contains("N-path-");
            assertThat(get("/ipfs/" + dir + "/", Map.of()).statusCode()).isEqualTo(200);
        } finally {
            RecordPublisher.shared().publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipfs/" + dir + "/public.txt", Map.of()).statusCode() == 200);
    }

    @Test
    void theKuboRpcApiIsNeverReachable() throws Exception {
        KuboNode kubo = KuboNodes.shared().first();
        String rpcHost = URI.create(kubo.rpc()).getAuthority();
        List<String> paths = List.of("/api/v0/id", "/api/v0/version", "/API/V0/ID", "//api/v0/id", "/ipfs/../api/v0/id",
                "/ipfs/%2e%2e/api/v0/id", "/%2e%2e/api/v0/id", "/ipfs/" + added.get("") + "/../../api/v0/id",
                "/ipfs/" + added.get("") + "/%2e%2e/%2e%2e/api/v0/id", "/ipfs/api/v0/id", "/ipns/api/v0/id", "/api%2Fv0%2Fid",
                "/webui", "/debug/pprof/", "/debug/metrics/prometheus", "/ipfs/" + added.get("") + "/%2F..%2F..%2Fapi/v0/id");
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "HEAD")) {
                for (String host : List.of(main.getHost() + ":" + main.getPort(), rpcHost, "localhost:5001")) {
                    String answer = raw(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
                    String status = answer.isEmpty() ? "" : answer.substring(9, 12);
                    assertThat(status).as(method + " " + path + " Host " + host).isIn("400", "404", "405");
                    assertThat(answer).as(method + " " + path).doesNotContain(kubo.peerId()).doesNotContain("AgentVersion");
                }
            }
        }
    }

    @Test
    void aDeadNodeInThePoolCostsNoRequestAndItsBreakerOpens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        KuboNode kubo = KuboNodes.shared().first();
        String id = "dead-" + RUN.substring(0, 8);
        publish("pinfold.nodes", new NodeRegistered(id, kubo.peerId(), "http://127.0.0.1:" + port, "http://127.0.0.1:" + port, List.of(),
                "0.43.1", NodeState.ACTIVE));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ManagementPort.given(management).get("/edge/pool")
                .then().body("find { it.id == '" + id + "' }.state", Matchers.equalTo("active")));
        try {
            // Requests rotate over every active node of the pool (other tests' nodes may be in it too), so the dead one's
            // turn comes every few requests: keep asking until its breaker opened, every answer a 200 meanwhile. Each
            // request names new content (an identity CID, answered by Kubo from the CID itself): for content a node
            // answered lately, that node is asked first and the dead one would never get a turn.
            String open = "pinfold_edge_upstream_breaker_open{node=\"" + id + "\"} 1.0";
            boolean opened = false;
            for (int i = 0; i < 400 && !opened; i++) {
                byte[] data = ("dead-node probe " + RUN + " " + i).getBytes(StandardCharsets.UTF_8);
                Cid probe = Cid.v1(Codec.RAW, io.pinfold.ipfs.cid.Multihash.of(0x00, data));
                HttpResponse<byte[]> response = get("/ipfs/" + probe, Map.of());
                assertThat(response.statusCode()).as("request %d with a dead node in the pool", i).isEqualTo(200);
                assertThat(response.body()).isEqualTo(data);
                if (i % 10 == 9) {
                    opened = ManagementPort.given(management).get("/q/metrics").then().extract().asString().contains(open);
                }
            }
            assertThat(opened).as("the dead node's breaker opened within 400 requests").isTrue();
        } finally {
            RecordPublisher.shared().publish("pinfold.nodes", id, List.of(), null);
        }
    }

    @Test
    void badInputAnswers400WithTheReason() throws Exception {
        HttpResponse<byte[]> cid = get("/ipfs/not-a-cid/x", Map.of());
        assertThat(cid.statusCode()).isEqualTo(400);
        assertThat(new String(cid.body(), StandardCharsets.UTF_8)).contains("\"reason\":\"BAD_REQUEST\"").contains("path: ");
        HttpResponse<byte[]> format = get("/ipfs/" + added.get("") + "?format=zip", Map.of());
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(new String(format.body(), StandardCharsets.UTF_8)).contains("format: unknown response format 'zip'");
        assertThat(send("POST", "/ipfs/" + added.get(""), Map.of()).statusCode()).isEqualTo(405);
    }

    private void publish(String topic, SelfKeyedEvent data) {
        PinfoldSource source = topic.equals("pinfold.nodes") ? PinfoldSource.PIN_SERVICE : PinfoldSource.TAKEDOWN_SERVICE;
        EventEnvelope<?> event = EventEnvelope.create(source, data);
        RecordPublisher.shared().publish(topic, event.key(), CloudEventHeaders.write(event), CODEC.encode(data));
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, headers);
    }

    private HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + main.getHost() + ":" + main.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The raw bytes of a GET (status line, headers, chunk framing), read until the edge ends or cuts the connection. */
    private byte[] readUntilCut(String path) throws Exception {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: " + main.getHost() + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer).as("the response is cut, never ended as if complete").doesNotEndWith("\r\n0\r\n\r\n");
        return answer.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends exactly these bytes (no client-side path normalisation) and returns the whole answer. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(main.getHost(), main.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    answer.write(chunk, 0, n);
                }
            } catch (IOException reset) {
                // a cut connection: what arrived before is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
