package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventType;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.SampleEvents;
import io.pinfold.events.Topic;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventValidatorTest {

    private static final String CID = SampleEvents.CID;
    private static final String KEY = "req-1";
    private static final String VALID = "{\"pinId\":\"req-1\",\"tenant\":\"acme\",\"cid\":\"" + CID + "\",\"replication\":2}";

    private final EventValidator validator = new EventValidator();

    @Test
    void acceptsAPinRequestFromOutside() {
        Validation result = validator.validate(Topic.PINS, KEY, CloudEventHeadersTest.validHeaders(), VALID);

        assertThat(result).isInstanceOfSatisfying(Validation.Accepted.class, accepted -> {
            EventEnvelope<EventData> event = accepted.event();
            assertThat(event.key()).isEqualTo(KEY);
            assertThat(event.metadata().source()).isEqualTo("/acme/uploader");
            assertThat(event.data()).isEqualTo(new PinRequested("req-1", "acme", CID, null, null, null, 2));
        });
    }

    @Test
    void acceptsEveryCidFormKeyedByThePinsRequestId() {
        for (String cid : List.of(SampleEvents.CID_V0, "zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY",
                "bafybeifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")) {
            RecordHeaders headers = CloudEventHeadersTest.validHeaders();
            headers.remove("ce_subject");
            String json = "{\"pinId\":\"req-1\",\"tenant\":\"acme\",\"cid\":\"" + cid + "\"}";

            assertThat(validator.validate(Topic.PINS, KEY, headers, json)).as(cid).isInstanceOf(Validation.Accepted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void acceptsEverySampleOnItsOwnTopic(EventType type) {
        EventData data = SampleEvents.full().get(type);
        EventEnvelope<EventData> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, SampleEvents.keyOf(data), data);

        Validation result = validator.validate(type.topic(), event.key(),
                CloudEventHeaders.write(event), new EventCodec().encode(data));

        assertThat(result).isEqualTo(new Validation.Accepted(event));
    }

    @Test
    void namesABadCid() {
        String json = VALID.replace(CID, "not-a-cid");

        assertThat(reason(validator.validate(Topic.PINS, KEY, headersWithoutSubject(), json)))
                .isEqualTo("data.cid: not a CID: unknown multibase prefix 'n'");
    }

    @Test
    void namesAnUnknownType() {
        RecordHeaders headers = CloudEventHeadersTest.validHeaders();
        headers.add("ce_type", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(reason(validator.validate(Topic.PINS, KEY, headers, VALID)))
                .isEqualTo("ce_type: unknown type 'x' (Pinfold types look like io.pinfold.pin.requested)");
    }

    @Test
    void namesAReplicationOutOfRange() {
        assertThat(reason(validator.validate(Topic.PINS, KEY, CloudEventHeadersTest.validHeaders(),
                VALID.replace("\"replication\":2", "\"replication\":20"))))
                .isEqualTo("data.replication: must be between 1 and 16, was 20");
    }

    @Test
    void rejectsUnknownFieldsFromOutsideSoTyposAreNotLost() {
        assertThat(reason(validator.validate(Topic.PINS, KEY, CloudEventHeadersTest.validHeaders(),
                VALID.replace("\"replication\"", "\"replicaton\""))))
                .isEqualTo("data.replicaton: unknown field (expected one of pinId, tenant, cid, name, origins, meta, replication)");
    }

    @Test
    void checksTheKeyIsThePinsRequestId() {
        // The content's multihash was the key before pin events were keyed by pin: now it is refused.
        assertThat(reason(validator.validate(Topic.PINS, SampleEvents.MULTIHASH, CloudEventHeadersTest.validHeaders(), VALID)))
                .isEqualTo("key: '" + SampleEvents.MULTIHASH + "' is not data.pinId (the pin's request id) (expected '" + KEY + "')");
        assertThat(reason(validator.validate(Topic.PINS, null, CloudEventHeadersTest.validHeaders(), VALID)))
                .isEqualTo("key: missing (expected data.pinId (the pin's request id))");
    }

    @Test
    void reportsAWrongKeyEvenWhenOtherFieldsAreBad() {
        String json = VALID.replace("\"replication\":2", "\"replicaton\":2");

        assertThat(reason(validator.validate(Topic.PINS, CID, CloudEventHeadersTest.validHeaders(), json)))
                .isEqualTo("data.replicaton: unknown field (expected one of pinId, tenant, cid, name, origins, meta, "
                        + "replication); key: '" + CID + "' is not data.pinId (the pin's request id) (expected '"
                        + KEY + "')");
    }

    @Test
    void checksTheSubjectMatchesTheData() {
        RecordHeaders headers = CloudEventHeadersTest.validHeaders();
        headers.add("ce_subject", SampleEvents.OTHER_CID.getBytes(StandardCharsets.UTF_8));

        assertThat(reason(validator.validate(Topic.PINS, KEY, headers, VALID)))
                .isEqualTo("ce_subject: '" + SampleEvents.OTHER_CID + "' does not match the data (expected '" + CID + "')");
    }

    @Test
    void rejectsATypeThatBelongsOnAnotherTopic() {
        EventData data = SampleEvents.full().get(EventType.GC_STARTED);
        EventEnvelope<EventData> event = EventEnvelope.create(PinfoldSource.GC_SERVICE, "node-1", data);

        assertThat(reason(validator.validate(Topic.PINS, "node-1", CloudEventHeaders.write(event),
                new EventCodec().encode(data))))
                .isEqualTo("ce_type: 'io.pinfold.gc.started' is not published on pinfold.pins (accepted there: "
                        + "io.pinfold.pin.requested, io.pinfold.pin.removed, io.pinfold.pin.replaced)");
    }

    @Test
    void reportsHeaderKeyAndDataProblemsTogether() {
        RecordHeaders headers = CloudEventHeadersTest.validHeaders();
        headers.remove("ce_id");
        String json = "{\"pinId\":\"req 1\",\"tenant\":\"acme\",\"cid\":\"" + CID + "\",\"replication\":0}";

        Validation result = validator.validate(Topic.PINS, "", headers, json);

        assertThat(result).isInstanceOfSatisfying(Validation.Rejected.class, rejected -> assertThat(rejected.violations())
                .extracting(Violation::field)
                .containsExactly("ce_id", "key", "data.pinId", "data.replication"));
    }

    @Test
    void tombstonesAreRemovalsOnlyOnCompactedTopics() {
        assertThat(validator.validate(Topic.DENYLIST, SampleEvents.MULTIHASH, new RecordHeaders(), (byte[]) null))
                .isEqualTo(new Validation.Removal(SampleEvents.MULTIHASH));
        assertThat(reason(validator.validate(Topic.PINS, KEY, new RecordHeaders(), (byte[]) null)))
                .isEqualTo("value: missing (a tombstone); only compacted topics accept tombstones");
        assertThat(reason(validator.validate(Topic.NODES, null, new RecordHeaders(), (byte[]) null)))
                .isEqualTo("key: missing; a tombstone needs the key of the entry it removes");
    }

    @Test
    void validatesConsumerRecordsAndBuildsTheirDeadLetterCopy() {
        String bad = VALID.replace("\"replication\":2", "\"replication\":99");
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("pinfold.pins", 4, 1234L, 0L,
                TimestampType.CREATE_TIME, 0, 0, KEY, bad.getBytes(StandardCharsets.UTF_8),
                CloudEventHeadersTest.validHeaders(), Optional.empty());

        Validation.Rejected rejected = (Validation.Rejected) validator.validate(record);
        ProducerRecord<String, byte[]> deadLetter = DeadLetterHeaders.deadLetterRecord(record,
                Topic.PINS.deadLetterTopic().orElseThrow(), rejected);

        assertThat(deadLetter.topic()).isEqualTo("pinfold.pins.dlq");
        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(record.value());
        assertThat(EventRoundTripTest.asMap(deadLetter.headers()))
                .containsEntry("ce_type", "io.pinfold.pin.requested")
                .containsEntry("dead-letter-reason", "data.replication: must be between 1 and 16, was 99")
                .containsEntry("dead-letter-topic", "pinfold.pins")
                .containsEntry("dead-letter-partition", "4")
                .containsEntry("dead-letter-offset", "1234");
        assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains(rejected.reason());
    }

    @Test
    void rejectsRecordsFromUnknownTopics() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("other", 0, 0L, KEY,
                VALID.getBytes(StandardCharsets.UTF_8));

        assertThat(reason(validator.validate(record))).isEqualTo("topic: 'other' is not a Pinfold topic");
    }

    @Test
    void neverThrowsOnGarbage() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", new byte[] {(byte) 0xff, 0x00});

        assertThat(validator.validate(Topic.PINS, "k", headers, new byte[] {(byte) 0xc3, 0x28}))
                .isInstanceOf(Validation.Rejected.class);
        assertThat(validator.validate(Topic.PINS, "k", CloudEventHeadersTest.validHeaders(), "\u0000{"))
                .isInstanceOf(Validation.Rejected.class);
    }

    @Test
    void refusesAnOverlongKeyInsteadOfThrowing() {
        RecordHeaders headers = CloudEventHeadersTest.validHeaders();

        assertThat(reason(validator.validate(Topic.NODES, "n".repeat(3000), headers,
                "{}"))).contains("ce_type: 'io.pinfold.pin.requested' is not published on pinfold.nodes");
        EventData node = SampleEvents.full().get(EventType.NODE_REGISTERED);
        EventEnvelope<EventData> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, "node-1", node);
        assertThat(reason(validator.validate(Topic.NODES, "n".repeat(3000), CloudEventHeaders.write(event),
                new EventCodec().encode(node)))).startsWith("key: '" + "n".repeat(77) + "...' is not data.nodeId");
    }

    private static RecordHeaders headersWithoutSubject() {
        RecordHeaders headers = CloudEventHeadersTest.validHeaders();
        headers.remove("ce_subject");
        return headers;
    }

    private static String reason(Validation validation) {
        assertThat(validation).isInstanceOf(Validation.Rejected.class);
        return ((Validation.Rejected) validation).reason();
    }
}
