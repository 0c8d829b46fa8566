package io.pinfold.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.systemtest.health.HealthReport;
import io.pinfold.systemtest.kubo.KuboAdd;
import io.pinfold.systemtest.process.ServiceProcess;
import io.pinfold.testsupport.kafka.KafkaBroker;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.stack.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The edge decoupled for real: a packaged gateway-edge on a broker of the test's own and a real Kubo node, no other
 * service running. With Kafka stopped it keeps serving and blocking; restarted while Kafka is still down it becomes
 * ready from its local snapshot, blocks the content in every CID form and serves the rest; when Kafka is back it
 * catches up from the snapshot's offsets, so a removal published meanwhile serves the content again.
 */
class EdgeSnapshotIT {
    private static final String CHECK = "Edge state read to the end";
    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void servesAndBlocksFromItsSnapshotWhenRestartedWithKafkaDownAndCatchesUpWhenKafkaReturns() throws Exception {
        String run = UUID.randomUUID().toString();
        KuboNode kubo = KuboNodes.shared().first();
        Cid legal = Cid.parse(KuboAdd.dagPbFile(kubo, ("legal-block " + run).getBytes(StandardCharsets.UTF_8)));
        Cid gone = Cid.parse(KuboAdd.dagPbFile(kubo, ("gone " + run).getBytes(StandardCharsets.UTF_8)));
        Cid open = Cid.parse(KuboAdd.dagPbFile(kubo, ("open " + run).getBytes(StandardCharsets.UTF_8)));

        KafkaBroker kafka = KafkaBroker.stoppable();
        createTopics(kafka.bootstrapServers());
        publish(kafka, new NodeRegistered("snap-" + run.substring(0, 8), kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(),
                "0.43.1", NodeState.ACTIVE));
        DenylistEntryAdded legalEntry = DenylistEntryAdded.of("/ipfs/" + legal, 451, "court-order", null, "N-snap-451");
        DenylistEntryAdded goneEntry = DenylistEntryAdded.of("/ipfs/" + gone, 410, null, null, "N-snap-410");

        Path snapshot = Files.createTempDirectory("edge-snapshot-it").resolve("state.snapshot");
        List<Integer> ports = FreePorts.take(3);
        ServiceProcess edge = ServiceProcess.builder(PinfoldService.EDGE.serviceName())
                .jar(PinfoldService.EDGE.jar())
                .port(PinfoldService.EDGE.portVariable(), ports.get(0))
                .managementPort(PinfoldService.EDGE.managementPortVariable(), ports.get(1))
                .env("PINFOLD_KAFKA_BOOTSTRAP", kafka.bootstrapServers())
                .env("PINFOLD_EDGE_SNAPSHOT_PATH", snapshot.toString())
                .env("PINFOLD_OTLP_ENDPOINT", "http://127.0.0.1:" + ports.get(2))
                .systemProperty("pinfold.edge.snapshot.interval", "1s")
                .systemProperty("pinfold.edge.snapshot.fallback-after", "5s")
                .jvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                .logDirectory(logDirectory().resolve("edge-snapshot"))
                .build();
        try {
            edge.start();
            assertThat(mode(edge.awaitReady(PinfoldSystem.START_TIMEOUT))).isEqualTo("live");
            assertThat(status(edge, "/ipfs/" + legal)).as("served before any entry").isEqualTo(200);

            publish(kafka, legalEntry);
            publish(kafka, goneEntry);
            awaitStatus(edge, "/ipfs/" + legal, 451);
            awaitStatus(edge, "/ipfs/" + gone, 410);
            Instant blockedAt = Instant.now();
            // The snapshot that holds both entries is on disk (written at most every second, only when something changed).
            awaitTrue("a snapshot written after both entries applied", () -> writtenAt(edge).map(at -> at.isAfter(blockedAt)).orElse(false));

            kafka.stop();
            assertEveryFormBlocked(edge, legal, 451);
            assertEveryFormBlocked(edge, gone, 410);
            assertThat(status(edge, "/ipfs/" + open)).as("other content with Kafka stopped").isEqualTo(200);

            edge.stop();
            edge.start();
            HealthReport ready = edge.awaitReady(PinfoldSystem.START_TIMEOUT);
            assertThat(mode(ready)).as("restarted with Kafka down: %s", ready).isEqualTo("snapshot");
            assertThat(ready.check(CHECK).orElseThrow().data().path("state").asText()).contains("snapshot", snapshot.toString());
            assertThat(metrics(edge)).contains("pinfold_edge_serving_from_snapshot 1.0").containsPattern("pinfold_edge_snapshot_age_seconds [0-9]");
            assertEveryFormBlocked(edge, legal, 451);
            assertEveryFormBlocked(edge, gone, 410);
            assertThat(status(edge, "/ipfs/" + open)).as("other content served from the snapshot's pool").isEqualTo(200);
            assertThat(status(edge, "/ipfs/" + Cid.v1(Codec.DAG_PB, open.multihash()).toString(MultibaseEncoding.BASE36))).isEqualTo(200);

            kafka.start();
            publishTombstone(kafka, legalEntry);
            awaitStatus(edge, "/ipfs/" + legal, 200);
            assertThat(status(edge, "/ipfs/" + Cid.v1(Codec.RAW, legal.multihash()))).as("every form served again").isEqualTo(200);
            assertEveryFormBlocked(edge, gone, 410);
            awaitTrue("mode live once the topics are read again", () -> "live".equals(mode(edge.health("/q/health/ready"))));
            assertThat(metrics(edge)).contains("pinfold_edge_serving_from_snapshot 0.0");
        } finally {
            edge.stop();
            kafka.stop();
        }
    }

    /** CIDv0, CIDv1 in several multibases and letter cases, the raw codec of the same multihash, odd slashes, HEAD. */
    private static void assertEveryFormBlocked(ServiceProcess edge, Cid cid, int expected) throws Exception {
        Cid v1 = cid.toV1();
        List<String> forms = List.of("/ipfs/" + cid, "/ipfs/" + v1, "/ipfs/" + v1.toString(MultibaseEncoding.BASE32_UPPER),
                "/ipfs/" + v1.toString(MultibaseEncoding.BASE36), "/ipfs/" + v1.toString(MultibaseEncoding.BASE58_BTC),
                "/ipfs/" + v1.toString(MultibaseEncoding.BASE64_URL), "/ipfs/" + Cid.v1(Codec.RAW, cid.multihash()),
                "/ipfs//" + cid + "//", "/ipfs/" + v1 + "?format=raw", "/ipfs/" + v1 + "?format=car");
        for (String form : forms) {
            assertThat(status(edge, form)).as("GET %s", form).isEqualTo(expected);
        }
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/ipfs/" + v1))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).as("HEAD %s", v1).isEqualTo(expected);
    }

    private static int status(ServiceProcess edge, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitStatus(ServiceProcess edge, String path, int expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        int last;
        while ((last = status(edge, path)) != expected) {
            assertThat(Instant.now()).as("%s answers %d (last %d)\n%s", path, expected, last, edge.logTail()).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.get()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static String mode(HealthReport report) {
        return report.check(CHECK).map(check -> check.data().path("mode").asText()).orElse("none");
    }

    private static java.util.Optional<Instant> writtenAt(ServiceProcess edge) {
        String at = edge.health("/q/health/ready").check(CHECK).map(check -> check.data().path("snapshotWrittenAt").asText("")).orElse("");
        return at.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(at));
    }

    private static String metrics(ServiceProcess edge) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.managementUrl() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(Topic.NODES.spec().toNewTopic(), Topic.DENYLIST.spec().toNewTopic())).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void publish(KafkaBroker kafka, SelfKeyedEvent data) throws Exception {
        Topic topic = data instanceof NodeRegistered ? Topic.NODES : Topic.DENYLIST;
        PinfoldSource source = data instanceof NodeRegistered ? PinfoldSource.PIN_SERVICE : PinfoldSource.TAKEDOWN_SERVICE;
        EventEnvelope<SelfKeyedEvent> event = EventEnvelope.create(source, data);
        send(kafka, new ProducerRecord<>(topic.topicName(), null, event.key(), CODEC.encode(data), CloudEventHeaders.write(event)));
    }

    private static void publishTombstone(KafkaBroker kafka, DenylistEntryAdded entry) throws Exception {
        send(kafka, new ProducerRecord<>(Topic.DENYLIST.topicName(), entry.recordKey(), null));
    }

    private static void send(KafkaBroker kafka, ProducerRecord<String, byte[]> record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static Path logDirectory() {
        String configured = System.getProperty("pinfold.system.logs");
        return configured == null || configured.isBlank() ? Path.of("target", "system-logs") : Path.of(configured);
    }
}
