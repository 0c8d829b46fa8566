package io.pinfold.runtime.consume;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeEvent;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One pinfold.nodes record as its consumers (gc-service, gateway-edge) read it: a node event, or a tombstone for a
 * node id. Data is read leniently (unknown fields are ignored, since data evolves additively), but the type must
 * belong on pinfold.nodes and the key must be the node id, or the record is refused with the field and the reason.
 */
public record NodeRecord(String nodeId, NodeEvent event, EventMetadata metadata) {
    private static final EventCodec CODEC = new EventCodec();

    public boolean isTombstone() {
        return event == null;
    }

    /** ce_time: when the producer says the change happened (for display; never for ordering). Null for a tombstone. */
    public Instant time() {
        return metadata == null ? null : metadata.time();
    }

    public String source() {
        return metadata == null ? null : metadata.source();
    }

    public String eventId() {
        return metadata == null ? null : metadata.id();
    }

    /** @throws InvalidEventException naming every field that is wrong */
    public static NodeRecord read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                throw new InvalidEventException("key", "missing; a tombstone needs the key of the node it removes");
            }
            return new NodeRecord(record.key(), null, null);
        }
        EventEnvelope<EventData> envelope = CODEC.decode(record.key(), record.headers(), record.value());
        List<Violation> violations = new ArrayList<>();
        if (!(envelope.data() instanceof NodeEvent event)) {
            throw new InvalidEventException("ce_type", "'" + envelope.metadata().type().ceType() + "' is not published on "
                    + Topic.NODES.topicName());
        }
        if (!event.nodeId().equals(record.key())) {
            violations.add(new Violation("key", Violation.quote(record.key()) + " is not data.nodeId (expected '" + event.nodeId() + "')"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new NodeRecord(event.nodeId(), event, envelope.metadata());
    }
}
