package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinfold.events.EventType;
import io.pinfold.events.SampleEvents;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.events.gc.GcStarted;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.takedown.NoticeReceived;
import io.pinfold.events.validation.Violation;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JSON types EventCodecTest does not reach (booleans, longs, nested records, maps), checked on the compiled
 * shapes: each reason word for word as the reflective check wrote it, so dead-letter reasons stay the same.
 */
class JsonShapeTest {

    private final ObjectMapper mapper = EventJson.mapper();
    private final EventCodec codec = new EventCodec();
    private final JsonShape tolerant = new JsonShape(false);
    private final JsonShape strict = new JsonShape(true);

    @Test
    void booleanAndLongFields() {
        assertThat(reasons(tolerant, EventType.GC_STARTED, data -> data.put("drained", "yes")))
                .containsExactly("drained: expected true or false, got 'yes'");
        assertThat(reasons(tolerant, EventType.GC_PROGRESS, data -> data.put("blocksRemoved", 1.5)))
                .containsExactly("blocksRemoved: expected an integer, got 1.5");
        assertThat(reasons(tolerant, EventType.GC_PROGRESS,
                data -> data.put("blocksRemoved", new java.math.BigInteger("100000000000000000000000"))))
                .containsExactly("blocksRemoved: expected an integer, got 100000000000000000000000");
    }

    @Test
    void nestedRecordsInLists() {
        assertThat(reasons(tolerant, EventType.NOTICE_RECEIVED, data -> data.withArray("targets").set(1, "x")))
                .containsExactly("targets[1]: expected a JSON object, got 'x'");
        assertThat(reasons(tolerant, EventType.NOTICE_RECEIVED,
                data -> ((ObjectNode) data.withArray("targets").get(0)).put("cid", 7)))
                .containsExactly("targets[0].cid: expected a string, got 7");
        assertThat(reasons(tolerant, EventType.NOTICE_RECEIVED, data -> data.put("targets", "all")))
                .containsExactly("targets: expected an array, got 'all'");
    }

    @Test
    void strictnessReachesNestedRecords() {
        Consumer<ObjectNode> extra = data -> ((ObjectNode) data.withArray("targets").get(0)).put("extra", 1);

        assertThat(reasons(tolerant, EventType.NOTICE_RECEIVED, extra)).isEmpty();
        assertThat(reasons(strict, EventType.NOTICE_RECEIVED, extra))
                .containsExactly("targets[0].extra: unknown field (expected one of cid, path, ipnsName)");
    }

    @Test
    void mapsAndEveryViolationInOrder() {
        assertThat(reasons(strict, EventType.PIN_REQUESTED, data -> {
            data.putArray("meta");
            data.remove("tenant");
            data.put("zzz", true);
            data.put("name", false);
        })).containsExactly("tenant: required", "name: expected a string, got false",
                "meta: expected an object, got an array",
                "zzz: unknown field (expected one of pinId, tenant, cid, name, origins, meta, replication)");
    }

    @Test
    void theDecodedRecordsStillValidateThemselves() {
        for (Class<?> type : List.of(GcStarted.class, GcProgress.class, NoticeReceived.class, PinRequested.class)) {
            EventType eventType = EventType.of(type.asSubclass(io.pinfold.events.EventData.class));
            byte[] json = codec.encode(SampleEvents.full().get(eventType));
            assertThat(codec.decode(eventType, json)).isEqualTo(SampleEvents.full().get(eventType));
        }
    }

    @Test
    void aShapeIsReadOncePerClass() {
        assertThat(RecordShape.of(NoticeReceived.class)).isSameAs(RecordShape.of(NoticeReceived.class));
    }

    private List<String> reasons(JsonShape shape, EventType type, Consumer<ObjectNode> change) {
        ObjectNode data = mapper.valueToTree(SampleEvents.full().get(type));
        change.accept(data);
        return shape.check(data, type.dataClass()).stream().map(Violation::toString).toList();
    }
}
