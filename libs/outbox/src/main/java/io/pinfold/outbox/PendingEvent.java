package io.pinfold.outbox;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * An outbox row as the relay carries it: opaque text, never parsed, so a relay meets rows written by a newer
 * version (an event type it does not know, a data shape it has never seen) and still publishes them.
 *
 * @param type    {@code ce_type}; null for a tombstone
 * @param payload the record value (JSON data); null for a tombstone
 */
public record PendingEvent(long seq, String eventId, String topic, String key, String type, String source,
                           String subject, OffsetDateTime time, String payload, String traceparent,
                           String tracestate) {

    static final String COLUMNS = "seq, event_id, topic, record_key, event_type, event_source, subject, event_time, "
            + "payload, traceparent, tracestate";

    static PendingEvent from(Row row) {
        // getValue: the id column was UUID before ids became any CloudEvents id; read either as text.
        return new PendingEvent(row.getLong("seq"), String.valueOf(row.getValue("event_id")), row.getString("topic"),
                row.getString("record_key"), row.getString("event_type"), row.getString("event_source"),
                row.getString("subject"), row.getOffsetDateTime("event_time"), row.getString("payload"),
                row.getString("traceparent"), row.getString("tracestate"));
    }

    /** A null value on a compacted topic: removes the key. */
    public boolean isTombstone() {
        return payload == null;
    }

    /** Events of one key on one topic keep their order; this names that stream. */
    String orderingKey() {
        return topic + '/' + key;
    }
}
