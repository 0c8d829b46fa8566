package io.pinfold.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link Outbox} for many rows at once, in a transaction of the caller's Vert.x SQL connection (bulk writers such as
 * a denylist import, where one row at a time through Hibernate would take minutes): one statement takes every
 * key's advisory lock, in the order given, and one multi-row insert writes the rows in that order. The same
 * (topic, key) lock as {@link Outbox#append}, so per key seq order stays commit order; give keys in a stable order
 * (sorted) or two batch writers can deadlock.
 */
@ApplicationScoped
public class OutboxBatch {
    private final OpenTelemetry openTelemetry;
    private final EventCodec codec = new EventCodec();

    public OutboxBatch(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /**
     * One row to append: an event, or a tombstone of a key on a compacted topic, with the trace context current when
     * the item was made (so the rows of one batch each continue their own trace; null: the context at append).
     */
    public record Item(String eventId, String topic, String key, String type, String source, String subject,
                       OffsetDateTime time, String payload, String traceparent, String tracestate) {
    }

    public Item event(EventEnvelope<? extends EventData> event) {
        EventMetadata metadata = event.metadata();
        Map<String, String> trace = currentTrace();
        return new Item(metadata.id(), event.topic().topicName(), event.key(), metadata.type().ceType(), metadata.source(),
                metadata.subject(), metadata.time().atOffset(ZoneOffset.UTC), codec.encodeToString(event.data()),
                trace.get("traceparent"), trace.get("tracestate"));
    }

    /** @throws IllegalArgumentException when {@code topic} is not compacted or the key is blank */
    public Item tombstone(Topic topic, String key, PinfoldSource source) {
        if (!topic.isCompacted()) {
            throw new IllegalArgumentException("topic: " + topic.topicName() + " is not compacted; only compacted topics take tombstones");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: required; a tombstone removes the entry of its key");
        }
        Map<String, String> trace = currentTrace();
        return new Item(UUID.randomUUID().toString(), topic.topicName(), key, null, source.uri(), null,
                OffsetDateTime.now(ZoneOffset.UTC), null, trace.get("traceparent"), trace.get("tracestate"));
    }

    private Map<String, String> currentTrace() {
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator()
                .inject(Context.current(), carrier, (map, key, value) -> map.put(key, value));
        return carrier;
    }

    /** Appends the rows, in order, inside the connection's open transaction. */
    public Uni<Void> append(SqlConnection connection, List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> carrier = currentTrace();
        int size = items.size();
        String[] locks = new String[size];
        String[] ids = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] sources = new String[size];
        String[] subjects = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] payloads = new String[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        for (int i = 0; i < size; i++) {
            Item item = items.get(i);
            locks[i] = item.topic() + '/' + item.key();
            ids[i] = item.eventId();
            topics[i] = item.topic();
            keys[i] = item.key();
            types[i] = item.type();
            sources[i] = item.source();
            subjects[i] = item.subject();
            times[i] = item.time();
            payloads[i] = item.payload();
            boolean own = item.traceparent() != null;
            traceparents[i] = own ? item.traceparent() : carrier.get("traceparent");
            tracestates[i] = own ? item.tracestate() : carrier.get("tracestate");
        }
        // unnest yields rows in array order, so locks are taken and seqs drawn in the order given.
        return connection.preparedQuery("SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) AS k")
                .execute(Tuple.of(locks))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO outbox_event (event_id, topic, record_key, event_type, event_source, subject, event_time,
                                                          payload, traceparent, tracestate)
                                SELECT i, t, k, ty, so, su, ti, p, tp, ts
                                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                            $7::timestamptz[], $8::text[], $9::text[], $10::text[]) AS u(i, t, k, ty, so, su, ti, p, tp, ts)""")
                        .execute(Tuple.tuple().addValue(ids).addValue(topics).addValue(keys).addValue(types).addValue(sources)
                                .addValue(subjects).addValue(times).addValue(payloads).addValue(traceparents).addValue(tracestates)))
                .replaceWithVoid();
    }
}
