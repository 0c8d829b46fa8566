package io.pinfold.gc.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** gc-service's view of the node registry, kept from pinfold.nodes on the real broker into real PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class NodeEventsConsumerTest {

    /** Health, metrics and OpenAPI answer on the management interface; Quarkus injects its URL with the /q root path. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final EventCodec codec = new EventCodec();

    @Inject
    AgroalDataSource database;

    @Inject
    KafkaClientService kafka;

    @Test
    void theLaterRecordInTheTopicWinsEvenWithAnEarlierEventTime() {
        KuboNode kubo = KuboNodes.shared().first();
        String id = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now();
        publish(at(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE)), t0));
        // Published after the registration, but its producer's clock is a minute behind: topic order decides.
        publish(at(EventEnvelope.create(PinfoldSource.GC_SERVICE,
                new NodeStateChanged(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), NodeState.DRAINING, NodeState.ACTIVE, "full gc", null)),
                t0.minusSeconds(60)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.state", equalTo("draining")));
    }

    @Test
    void aRedeliveredOlderRecordNeverRollsANodeBack() throws Exception {
        KuboNode kubo = KuboNodes.shared().first();
        String id = "redeliver-" + UUID.randomUUID().toString().substring(0, 8);
        RecordMetadata registered = publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE)));
        publish(EventEnvelope.create(PinfoldSource.GC_SERVICE,
                new NodeStateChanged(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), NodeState.DRAINING, NodeState.ACTIVE, "full gc", null)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes")
                .then().body("find { it.id == '" + id + "' }.state", equalTo("draining")));

        // Every write to this node's row from now on is logged, so even a passing rollback is seen.
        execute("CREATE TABLE IF NOT EXISTS gc_node_test_log (seq BIGSERIAL PRIMARY KEY, id TEXT, state TEXT)");
        execute("""
                CREATE OR REPLACE FUNCTION log_gc_node() RETURNS trigger AS $$
                BEGIN
                    INSERT INTO gc_node_test_log (id, state) VALUES (NEW.id, NEW.state);
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        execute("DROP TRIGGER IF EXISTS log_gc_node ON gc_node");
        execute("CREATE TRIGGER log_gc_node AFTER INSERT OR UPDATE ON gc_node FOR EACH ROW EXECUTE FUNCTION log_gc_node()");
        try {
            // Redelivery, as after a rebalance or a crash before the commit: the consumer is rewound to the registration.
            KafkaConsumer<String, byte[]> consumer = kafka.getConsumer("nodes");
            consumer.seek(new TopicPartition("pinfold.nodes", registered.partition()), registered.offset())
                    .await().atMost(Duration.ofSeconds(10));
            // A newer event for the same node, after the rewound ones in the same partition: once it shows, they were read.
            publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                    new NodeStateChanged(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), NodeState.DOWN, NodeState.DRAINING, "unreachable", null)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes")
                    .then().body("find { it.id == '" + id + "' }.state", equalTo("down")));

            assertThat(loggedStates(id)).containsExactly("down");
        } finally {
            execute("DROP TRIGGER IF EXISTS log_gc_node ON gc_node");
        }
    }

    @Test
    void aRecordThatBreaksTheContractGoesToTheDeadLetterTopicWithTheFieldAndTheConsumerCarriesOn() {
        KuboNode kubo = KuboNodes.shared().first();
        String marker = UUID.randomUUID().toString();
        String id = "bad-" + marker.substring(0, 8);
        EventEnvelope<NodeRegistered> good = EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), null, NodeState.ACTIVE));
        // the right event under another node's key: it would be compacted and ordered with the wrong node
        List<Header> headers = new java.util.ArrayList<>(CloudEventHeaders.write(good));
        RecordPublisher.shared().publish("pinfold.nodes", "someone-else", headers, codec.encode(good.data()));
        // and a record whose data is not JSON
        List<Header> junkHeaders = List.of(
                new RecordHeader("ce_specversion", bytes("1.0")), new RecordHeader("ce_id", bytes(marker)),
                new RecordHeader("ce_source", bytes("/acme")), new RecordHeader("ce_type", bytes("io.pinfold.node.registered")),
                new RecordHeader("ce_time", bytes("2026-11-26T10:00:00Z")), new RecordHeader("content-type", bytes("application/json")));
        RecordPublisher.shared().publish("pinfold.nodes", id, junkHeaders, bytes("{not json"));

        List<ConsumerRecord<String, byte[]>> wrongKey = TopicProbe.shared().await("pinfold.nodes.dlq",
                record -> good.metadata().id().equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(20));
        assertThat(wrongKey).hasSize(1);
        assertThat(TopicProbe.header(wrongKey.get(0), "dead-letter-reason"))
                .isEqualTo("key: 'someone-else' is not data.nodeId (expected '" + id + "')");
        assertThat(TopicProbe.header(wrongKey.get(0), "dead-letter-topic")).isEqualTo("pinfold.nodes");
        List<ConsumerRecord<String, byte[]>> junk = TopicProbe.shared().await("pinfold.nodes.dlq",
                record -> marker.equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(20));
        assertThat(junk).hasSize(1);
        assertThat(TopicProbe.header(junk.get(0), "dead-letter-reason")).startsWith("data: not valid JSON");

        publish(good);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", hasItem(id)));
    }

    @Test
    void aTombstoneRemovesTheNode() {
        KuboNode kubo = KuboNodes.shared().second();
        String id = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), null, NodeState.ACTIVE)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", hasItem(id)));
        RecordPublisher.shared().publish("pinfold.nodes", id, List.of(), null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", not(hasItem(id))));
    }

    @Test
    void readinessChecksKafkaPostgresAndKubo() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kubo nodes' }.data.up", Matchers.greaterThanOrEqualTo(1))
                .body("checks.name", hasItem("Kafka topics"))
                .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check")));
    }

    private static <D extends io.pinfold.events.EventData> EventEnvelope<D> at(EventEnvelope<D> event, Instant time) {
        EventMetadata metadata = event.metadata().withTime(time);
        return new EventEnvelope<>(event.key(), metadata, event.data());
    }

    private List<String> loggedStates(String id) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT state FROM gc_node_test_log WHERE id = ? ORDER BY seq")) {
            query.setString(1, id);
            List<String> states = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RecordMetadata publish(EventEnvelope<?> event) {
        return RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), codec.encode(event.data()));
    }

    private RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
