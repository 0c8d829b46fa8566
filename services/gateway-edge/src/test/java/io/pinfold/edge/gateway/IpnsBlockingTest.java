package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.pinfold.testsupport.dns.DnsServer;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.StoppableKuboNodes;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPNS names and DNSLink domains through the edge, on a real Kubo node of the test's own whose DNSLink lookups go to a
 * real DNS server (dnsmasq, {@link DnsServer}, reached by Kubo over DNS-over-HTTP): an entry for an IPNS name (published
 * with {@code ipfs name publish} under a generated key) blocks it in every key form and as a subdomain; an entry for a
 * DNSLink domain blocks it in the path form, the inlined form and as a subdomain; content a name resolves to is blocked
 * when its CID is denied (the CIDs Kubo met resolving are checked before any byte). Runs in NodeStopUnderLoadTest's
 * application (its own broker, so the pool holds only this test's node) and takes its node out of the pool at the end.
 */
@QuarkusTest
@WithTestResource(OwnKafkaTestResource.class)
class IpnsBlockingTest {
    private static final EventCodec CODEC = new EventCodec();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final byte[] SECRET = ("ipns secret words of " + RUN).getBytes(StandardCharsets.UTF_8);
    private static final byte[] PUBLIC = ("ipns public words of " + RUN).getBytes(StandardCharsets.UTF_8);
    private static final String DOMAIN = "site-" + RUN + ".example.test";
    /** The subdomain gateway's one-label form of DOMAIN: '-' → "--", '.' → '-'. */
    private static final String INLINED = "site--" + RUN + "-example-test";
    private static StoppableKuboNodes kubo;
    private static String nodeId;
    private static RecordPublisher publisher;
    private static Map<String, String> added;
    /** IPNS name (base36 libp2p-key CID, as Kubo prints it) resolving to the directory. */
    private static String name;
    /** IPNS name resolving to secret.txt itself. */
    private static String secretName;

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void nodeNamesAndPool() throws Exception {
        if (kubo != null) {
            return;
        }
        DnsServer dns = DnsServer.shared();
        kubo = StoppableKuboNodes.start(1, Map.of("PINFOLD_KUBO_DNS_RESOLVERS", "{\"test.\":\"" + dns.overHttpUrl() + "\"}"));
        KuboNode node = kubo.nodes().first();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("public.txt", PUBLIC);
        files.put("secret.txt", SECRET);
        added = KuboContent.addDirectory(node, files);
        name = KuboContent.generateKey(node, "edge-" + RUN);
        KuboContent.publishName(node, "edge-" + RUN, "/ipfs/" + added.get(""));
        secretName = KuboContent.generateKey(node, "edge-secret-" + RUN);
        KuboContent.publishName(node, "edge-secret-" + RUN, "/ipfs/" + added.get("secret.txt"));
        dns.txt("_dnslink." + DOMAIN, "dnslink=/ipfs/" + added.get(""));

        publisher = new RecordPublisher(OwnKafkaTestResource.bootstrap);
        nodeId = "ipns-" + RUN;
        publish("pinfold.nodes", new NodeRegistered(nodeId, node.peerId(), node.rpc(), node.gateway(), List.of(), "0.43.1", NodeState.ACTIVE));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ManagementPort.given(management).get("/edge/pool").then()
                .body("find { it.id == '" + nodeId + "' }.state", Matchers.equalTo("active")));
    }

    @AfterAll
    static void leavePool() {
        if (publisher != null && nodeId != null) {
            publisher.publish("pinfold.nodes", nodeId, List.of(), null); // NodeStopUnderLoadTest expects only its nodes
        }
        if (kubo != null) {
            kubo.close();
        }
    }

    @Test
    void anIpnsNameEntryBlocksTheNameInEveryKeyFormAndAsASubdomain() throws Exception {
        Cid key = Cid.parse(name);
        String peerId = key.multihash().toBase58();
        assertThat(peerId).startsWith("12D3KooW");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/ipns/" + name + "/public.txt").body()).isEqualTo(text(PUBLIC));
            assertThat(subdomain(name + ".ipns.localhost", "/public.txt").body()).isEqualTo(text(PUBLIC));
        });

        String notice = "N-ipns-" + RUN;
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipns/" + peerId, 410, null, "takedown of a name", notice);
        publish("pinfold.denylist", entry);
        try {
            blocksEveryKeyForm(key, peerId, notice);
        } finally {
            publisher.publish("pinfold.denylist", entry.recordKey(), List.of(), null); // the other tests need the name served
        }
        // (Kubo answers the peer id form with a redirect to the base36 form, so that is the form asked again.)
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipns/" + name + "/public.txt").status() == 200);
        assertThat(subdomain(name + ".ipns.localhost", "/public.txt").body()).isEqualTo(text(PUBLIC));
    }

    private void blocksEveryKeyForm(Cid key, String peerId, String notice) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipns/" + name).status() == 410);

        List<String> keyForms = List.of(name, name.toUpperCase(), key.toString(MultibaseEncoding.BASE32),
                key.toString(MultibaseEncoding.BASE32_UPPER), key.toString(MultibaseEncoding.BASE58_BTC), peerId,
                Cid.v1(Codec.DAG_PB, key.multihash()).toString(MultibaseEncoding.BASE36), "%" + Integer.toHexString(name.charAt(0)) + name.substring(1));
        for (String form : keyForms) {
            for (String path : List.of("", "/", "/public.txt", "//public.txt", "/secret.txt/../public.txt", "/public.txt?format=raw",
                    "?format=car", "?format=ipns-record")) {
                for (String method : List.of("GET", "HEAD")) {
                    Answer answer = request(method, "127.0.0.1", "/ipns/" + form + path);
                    assertThat(answer.status()).as(method + " /ipns/" + form + path).isEqualTo(410);
                    assertThat(answer.body()).doesNotContain(text(PUBLIC));
                }
            }
        }
        for (String host : List.of(name + ".ipns.localhost", name.toUpperCase() + ".IPNS.LOCALHOST", name + ".ipns.localhost:8080",
                key.toString(MultibaseEncoding.BASE32) + ".ipns.localhost")) {
            for (String path : List.of("/", "/public.txt", "/./public.txt", "/public.txt?format=raw")) {
                Answer answer = subdomain(host, path);
                assertThat(answer.status()).as("Host " + host + " " + path).isEqualTo(410);
                assertThat(answer.body()).contains(notice).doesNotContain(text(PUBLIC));
            }
        }
        // The other name (and the content itself, by CID) still flows.
        assertThat(get("/ipns/" + secretName).status()).isEqualTo(200);
        assertThat(get("/ipfs/" + added.get("") + "/public.txt").body()).isEqualTo(text(PUBLIC));
    }

    @Test
    void aDnslinkEntryBlocksTheDomainInThePathInlinedAndSubdomainForms() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/ipns/" + DOMAIN + "/public.txt").body()).as("DNSLink from dnsmasq through Kubo").isEqualTo(text(PUBLIC));
            assertThat(get("/ipns/" + INLINED + "/public.txt").body()).isEqualTo(text(PUBLIC));
            assertThat(subdomain(INLINED + ".ipns.localhost", "/public.txt").body()).isEqualTo(text(PUBLIC));
        });

        String notice = "N-dnslink-" + RUN;
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipns/" + DOMAIN, 451, "court-order", "court order 56/78", notice);
        publish("pinfold.denylist", entry);
        try {
            blocksEveryDomainForm(notice);
        } finally {
            publisher.publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipns/" + DOMAIN + "/public.txt").status() == 200);
    }

    private void blocksEveryDomainForm(String notice) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipns/" + DOMAIN).status() == 451);

        for (String form : List.of(DOMAIN, DOMAIN.toUpperCase(), DOMAIN + ".", INLINED, INLINED.toUpperCase(), "%73" + DOMAIN.substring(1))) {
            for (String path : List.of("", "/", "/public.txt", "//public.txt", "/x/../public.txt", "/public.txt?format=raw", "?format=car")) {
                for (String method : List.of("GET", "HEAD")) {
                    Answer answer = request(method, "127.0.0.1", "/ipns/" + form + path);
                    assertThat(answer.status()).as(method + " /ipns/" + form + path).isEqualTo(451);
                    assertThat(answer.body()).doesNotContain(text(PUBLIC));
                }
            }
        }
        for (String host : List.of(INLINED + ".ipns.localhost", INLINED.toUpperCase() + ".ipns.localhost:1234")) {
            for (String path : List.of("/", "/public.txt", "/a/../public.txt")) {
                Answer answer = subdomain(host, path);
                assertThat(answer.status()).as("Host " + host + " " + path).isEqualTo(451);
                assertThat(answer.body()).contains(notice).contains("court-order").doesNotContain(text(PUBLIC));
            }
        }
        assertThat(get("/ipns/" + name + "/public.txt").status()).as("an IPNS name of the same content").isEqualTo(200);
    }

    @Test
    void contentANameResolvesToIsBlockedWhenItsCidIsDenied() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/ipns/" + secretName).body()).isEqualTo(text(SECRET));
            assertThat(get("/ipns/" + DOMAIN + "/secret.txt").body()).isEqualTo(text(SECRET));
        });
        String notice = "N-resolved-" + RUN;
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + added.get("secret.txt"), 410, null, "takedown", notice);
        publish("pinfold.denylist", entry);
        try {
            blocksWhatNamesResolveTo(notice);
        } finally {
            publisher.publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipns/" + secretName).status() == 200);
        assertThat(subdomain(name + ".ipns.localhost", "/secret.txt").body()).isEqualTo(text(SECRET));
    }

    private void blocksWhatNamesResolveTo(String notice) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/ipfs/" + added.get("secret.txt")).status() == 410);

        List<String[]> forms = List.of(new String[] {"127.0.0.1", "/ipns/" + secretName}, new String[] {"127.0.0.1", "/ipns/" + secretName + "?format=raw"},
                new String[] {"127.0.0.1", "/ipns/" + name + "/secret.txt"}, new String[] {"127.0.0.1", "/ipns/" + DOMAIN + "/secret.txt"},
                new String[] {"127.0.0.1", "/ipns/" + INLINED + "/secret.txt"}, new String[] {secretName + ".ipns.localhost", "/"},
                new String[] {name + ".ipns.localhost", "/secret.txt"}, new String[] {INLINED + ".ipns.localhost", "/secret.txt"},
                new String[] {added.get("") + ".ipfs.localhost", "/secret.txt"}, new String[] {added.get("secret.txt") + ".ipfs.localhost", "/"});
        for (String[] form : forms) {
            for (String method : List.of("GET", "HEAD")) {
                Answer answer = request(method, form[0], form[1]);
                assertThat(answer.status()).as(method + " Host " + form[0] + " " + form[1]).isEqualTo(410);
                assertThat(answer.body()).doesNotContain(text(SECRET));
            }
        }
        ManagementPort.given(management).get("/q/metrics").then()
                .body(Matchers.containsString("pinfold_edge_blocked_total{notice=\"" + notice + "\",where=\"roots\"}"));
        assertThat(get("/ipns/" + name + "/public.txt").body()).as("the name's other content").isEqualTo(text(PUBLIC));
    }

    record Answer(int status, String body) {
    }

    private void publish(String topic, SelfKeyedEvent data) {
        PinfoldSource source = topic.equals("pinfold.nodes") ? PinfoldSource.PIN_SERVICE : PinfoldSource.TAKEDOWN_SERVICE;
        EventEnvelope<?> event = EventEnvelope.create(source, data);
        publisher.publish(topic, event.key(), CloudEventHeaders.write(event), CODEC.encode(data));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Answer get(String path) throws IOException {
        return request("GET", "127.0.0.1", path);
    }

    private Answer subdomain(String host, String path) throws IOException {
        return request("GET", host, path);
    }

    /** One request with exactly this Host and path (no client-side normalisation); the body after the headers. */
    private Answer request(String method, String host, String path) throws IOException {
        try (Socket socket = new Socket(main.getHost(), main.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    bytes.write(chunk, 0, n);
                }
            } catch (IOException reset) {
                // a cut connection: what arrived is the answer
            }
            String answer = bytes.toString(StandardCharsets.ISO_8859_1);
            if (answer.length() < 12) {
                return new Answer(0, answer);
            }
            int end = answer.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : answer.substring(end + 4);
            if (answer.substring(0, end < 0 ? answer.length() : end).toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(answer.substring(9, 12)), body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int line = chunked.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, line).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            int start = line + 2;
            out.append(chunked, start, Math.min(chunked.length(), start + size));
            at = start + size + 2;
        }
        return out.toString();
    }
}
