package io.pinfold.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into the outbox table. Call it inside the transaction that changes the state the
 * event announces ({@code Panache.withTransaction} or {@code @WithTransaction}): both commit or neither.
 * The current trace context is stored with the row so the published record continues the trace.
 *
 * <p>Each append first takes a transaction-scoped advisory lock on (topic, key), held until commit or rollback,
 * so the writers of one key queue and each row's seq follows its key's commit order (see {@link OutboxRelay} for
 * why the relay needs that). A transaction that appends for several keys should append them in a stable order
 * (e.g. sorted); otherwise two such transactions can deadlock, and PostgreSQL aborts one (SQLSTATE 40P01).
 */
@ApplicationScoped
public class Outbox {
    private final OpenTelemetry openTelemetry;
    private final EventCodec codec = new EventCodec();

    public Outbox(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    public Uni<Void> append(EventEnvelope<? extends EventData> event) {
        EventMetadata metadata = event.metadata();
        OutboxRecord row = new OutboxRecord();
        row.eventId = metadata.id();
        row.topic = event.topic().topicName();
        row.recordKey = event.key();
        row.eventType = metadata.type().ceType();
        row.eventSource = metadata.source();
        row.subject = metadata.subject();
        row.eventTime = metadata.time().atOffset(ZoneOffset.UTC);
        row.payload = codec.encodeToString(event.data());
        return insert(row);
    }

    /**
     * Removes {@code key} from a compacted topic: a record with the key and a null value (a tombstone), carrying
     * {@code ce_id}, {@code ce_source} and {@code ce_time} only. Ordered with the key's events like any append.
     *
     * @throws IllegalArgumentException when {@code topic} is not compacted (a tombstone means nothing on a log)
     */
    public Uni<Void> appendTombstone(Topic topic, String key, PinfoldSource source) {
        if (!topic.isCompacted()) {
            throw new IllegalArgumentException("topic: " + topic.topicName() + " is not compacted; only compacted topics "
                    + "take tombstones");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required; a tombstone removes the entry of its key");
        }
        OutboxRecord row = new OutboxRecord();
        row.eventId = UUID.randomUUID().toString();
        row.topic = topic.topicName();
        row.recordKey = key;
        row.eventSource = source.uri();
        row.eventTime = OffsetDateTime.now(ZoneOffset.UTC);
        return insert(row);
    }

    /**
     * One statement: the key's advisory lock, then the row (its seq drawn after the lock is held, as the relay needs).
     * A native INSERT run with executeUpdate: no entity insert and no SELECT of its own for the lock, so one round
     * trip, and no entry in Hibernate's select-plan cache (a native SELECT with a result type made a new, never-equal
     * key there on every call: a busy service's lookups scanned thousands of keys of one hash).
     */
    private Uni<Void> insert(OutboxRecord row) {
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator()
                .inject(Context.current(), carrier, (map, key, value) -> map.put(key, value));
        // Topic names cannot contain '/', so "topic/key" names one key of one topic. A hash collision only makes
        // two keys queue behind each other, never reorders them.
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO outbox_event (event_id, topic, record_key, event_type, event_source, subject, event_time,
                                                          payload, traceparent, tracestate)
                                SELECT CAST(:id AS text), CAST(:topic AS text), CAST(:key AS text), CAST(:type AS text),
                                       CAST(:source AS text), CAST(:subject AS text), CAST(:time AS timestamptz),
                                       CAST(:payload AS text), CAST(:traceparent AS text), CAST(:tracestate AS text)
                                FROM pg_advisory_xact_lock(hashtextextended(:lockKey, 0))""")
                        .setParameter("id", row.eventId)
                        .setParameter("topic", row.topic)
                        .setParameter("key", row.recordKey)
                        .setParameter("type", row.eventType)
                        .setParameter("source", row.eventSource)
                        .setParameter("subject", row.subject)
                        .setParameter("time", row.eventTime)
                        .setParameter("payload", row.payload)
                        .setParameter("traceparent", carrier.get("traceparent"))
                        .setParameter("tracestate", carrier.get("tracestate"))
                        .setParameter("lockKey", row.topic + '/' + row.recordKey)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
