package io.pinfold.pin.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pin.PinRemovalReason;
import io.pinfold.events.pin.PinRemoved;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.quarkus.CuttablePostgresTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/**
 * pinfold.pins as an outside system uses it: records published straight to the real broker with the
 * plain Kafka client, valid ones applied to the desired state, bad ones dead-lettered with their reason.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = CuttablePostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_consumer_test"))
class PinEventsConsumerTest {

    /** Health and metrics answer on the management interface; Quarkus injects its URL with the /q root path. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;
    private static final String CID_V0 = PinTopic.CID_V0;
    private static final String CID_V1 = PinTopic.CID_V1;

    @Inject
    AgroalDataSource database;

    @org.junit.jupiter.api.BeforeEach
    void tenant() throws Exception {
        PinTopic.ensureTenant(database);
    }

    @Test
    void aValidPinRequestFromOutsideBecomesDesiredStateKeyedByItsRequestId() throws Exception {
        String pinId = "ext-" + UUID.randomUUID();
        PinRequested data = new PinRequested(pinId, "acme", CID_V0, "dataset v1", List.of(), Map.of(), 2);
        EventEnvelope<PinRequested> event = EventEnvelope.create("/acme/ingest", data);
        assertThat(event.key()).isEqualTo(pinId);
        PinTopic.publish(event.key(), CloudEventHeaders.write(event), new EventCodec().encode(data));
        String key = Cid.parse(CID_V0).multihash().toBase32();

        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.desiredPin(database, pinId).isPresent());
        Map<String, Object> row = PinTopic.desiredPin(database, pinId).orElseThrow();
        // The CID stays as the requester wrote it (a v0 stays v0); the multihash is the identity both forms share.
        assertThat(row).containsEntry("cid", CID_V0)
                .containsEntry("multihash", key)
                .containsEntry("multihash", Cid.parse(CID_V1).multihash().toBase32())
                .containsEntry("tenant", "acme")
                .containsEntry("name", "dataset v1")
                .containsEntry("replication", 2);
    }

    @Test
    void aBrokenRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerCarriesOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<Header> headers = List.of(
                new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_id", marker.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_source", "/acme/ingest".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_type", "io.pinfold.pin.requested".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("ce_time", "2026-11-26T10:00:00Z".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        String value = "{\"pinId\":\"p-" + marker + "\",\"tenant\":\"acme\",\"cid\":\"not-a-cid\",\"replication\":99}";
        PinTopic.publish("some-key", headers, value.getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.shared().await("pinfold.pins.dlq",
                record -> marker.equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        String reason = TopicProbe.header(dead.get(0), "dead-letter-reason");
        assertThat(reason).contains("data.cid: not a CID").contains("data.replication");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo("pinfold.pins");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-partition")).matches("\\d+");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-offset")).matches("\\d+");

        management().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("pinfold_consumer_records_total{channel=\"pins\",outcome=\"dead-lettered\"}"));

        // The consumer did not stop: a valid record published after the bad one is applied.
        String pinId = "after-" + marker;
        PinTopic.publish(PinTopic.request(pinId));
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.desiredPin(database, pinId).isPresent());
    }

    @Test
    void aRequestForAnUnknownTenantIsDeadLetteredWithTheReason() {
        String pinId = "nobody-" + UUID.randomUUID();
        PinRequested data = new PinRequested(pinId, "no-such-tenant", CID_V1, null, null, null, null);
        EventEnvelope<PinRequested> event = EventEnvelope.create("/acme/ingest", data);
        PinTopic.publish(event);

        String reason = deadLetterReason(event.metadata().id());
        assertThat(reason).contains("tenant: no tenant named 'no-such-tenant'");
    }

    @Test
    void aRequestOverTheTenantsQuotaIsDeadLetteredNamingTheQuotaAndNotStored() throws Exception {
        String tenant = "tight-" + UUID.randomUUID().toString().substring(0, 8);
        PinTopic.execute(database, "INSERT INTO tenant (id, name, created_at, quota_pins) VALUES (gen_random_uuid(), '" + tenant + "', now(), 0)");
        String pinId = "over-" + UUID.randomUUID();
        EventEnvelope<PinRequested> event = EventEnvelope.create("/acme/ingest", new PinRequested(pinId, tenant, CID_V1, null, null, null, null));
        PinTopic.publish(event);

        assertThat(deadLetterReason(event.metadata().id())).contains("quota.pins: tenant '" + tenant + "' may hold 0 pins");
        assertThat(PinTopic.exists(database, pinId)).isFalse();
    }

    @Test
    void anOriginThatIsNoMultiaddrIsRefusedLikeOverRest() {
        String pinId = "origin-" + UUID.randomUUID();
        EventEnvelope<PinRequested> event = EventEnvelope.create("/acme/ingest",
                new PinRequested(pinId, "acme", CID_V1, null, List.of("/ip4/1.2.3.4/tcp/4001"), null, null));
        PinTopic.publish(event);

        assertThat(deadLetterReason(event.metadata().id())).contains("origins[0]: '/ip4/1.2.3.4/tcp/4001' must end with /p2p/<peer id>");
    }

    @Test
    void theSameRequestPublishedTwiceIsOnePinCountedOnceAndATakenRequestIdIsRefused() throws Exception {
        String tenant = "twice-" + UUID.randomUUID().toString().substring(0, 8);
        PinTopic.execute(database, "INSERT INTO tenant (id, name, created_at) VALUES (gen_random_uuid(), '" + tenant + "', now())");
        String pinId = "twice-" + UUID.randomUUID();
        PinRequested data = new PinRequested(pinId, tenant, CID_V1, null, null, null, null);
        PinTopic.publish(EventEnvelope.create("/acme/ingest", data));
        PinTopic.publish(EventEnvelope.create("/acme/other-uploader", data));
        EventEnvelope<PinRequested> thief = EventEnvelope.create("/acme/ingest", new PinRequested(pinId, "acme", CID_V1, null, null, null, null));
        PinTopic.publish(thief);

        assertThat(deadLetterReason(thief.metadata().id())).contains("pinId: '" + pinId + "' is already the request id of another pin");
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, pinId));
        assertThat(usedPins(tenant)).isEqualTo(1);
    }

    @Test
    void aRemovalFromOutsideIsRefusedOnlyTheApiRemovesATenantsPin() throws Exception {
        String pinId = "keep-" + UUID.randomUUID();
        PinTopic.publish(PinTopic.request(pinId));
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, pinId));
        EventEnvelope<PinRemoved> removal = EventEnvelope.create("/acme/ingest", new PinRemoved(pinId, "acme", CID_V1, PinRemovalReason.REQUESTED, null));
        PinTopic.publish(removal);

        assertThat(deadLetterReason(removal.metadata().id())).contains("outside publishers may publish io.pinfold.pin.requested");
        assertThat(PinTopic.removed(database, pinId)).isFalse();
    }

    private String deadLetterReason(String eventId) {
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.shared().await("pinfold.pins.dlq",
                record -> eventId.equals(TopicProbe.header(record, "ce_id")), Duration.ofSeconds(20));
        assertThat(dead).as("dead letters of " + eventId).hasSize(1);
        return TopicProbe.header(dead.get(0), "dead-letter-reason");
    }

    private long usedPins(String tenant) throws Exception {
        try (var connection = database.getConnection();
             var query = connection.prepareStatement("SELECT used_pins FROM tenant WHERE name = ?")) {
            query.setString(1, tenant);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void anIdThatIsNotAUuidIsAccepted() {
        String pinId = "plain-id-" + UUID.randomUUID();
        PinTopic.publish(PinTopic.request(pinId, "/acme/ingest", "order-42/attempt-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, pinId));
    }

    @Test
    void theSameIdFromTwoSourcesIsTwoEvents() {
        // CloudEvents: an event is (source, id). Deduplicating on the id alone would drop the second pin.
        String id = "shared-" + UUID.randomUUID();
        String first = "from-a-" + UUID.randomUUID();
        String second = "from-b-" + UUID.randomUUID();
        PinTopic.publish(PinTopic.request(first, "/acme/ingest", id));
        PinTopic.publish(PinTopic.request(second, "/other/uploader", id));
        await().atMost(Duration.ofSeconds(20)).until(() -> PinTopic.exists(database, first) && PinTopic.exists(database, second));
    }

    private io.restassured.specification.RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
