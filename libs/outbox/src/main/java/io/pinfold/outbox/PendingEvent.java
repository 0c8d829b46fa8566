package io.pinfold.outbox;

import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** An outbox row as the relay reads it. */
record PendingEvent(long seq, String topic, String key, EventMetadata metadata, OffsetDateTime time,
                    String payload, String traceparent, String tracestate) {

    static PendingEvent from(Row row) {
        String ceType = row.getString("event_type");
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("outbox row " + row.getLong("seq") + ": unknown event type " + ceType));
        OffsetDateTime time = row.getOffsetDateTime("event_time");
        EventMetadata metadata = new EventMetadata(row.getUUID("event_id").toString(), row.getString("event_source"), type,
                time.toInstant(), row.getString("subject"), null);
        return new PendingEvent(row.getLong("seq"), row.getString("topic"), row.getString("record_key"), metadata, time,
                row.getString("payload"), row.getString("traceparent"), row.getString("tracestate"));
    }
}
