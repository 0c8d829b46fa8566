package io.pinfold.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.kafka.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into the outbox table. Call it inside the transaction that changes the state the
 * event announces ({@code Panache.withTransaction} or {@code @WithTransaction}): both commit or neither.
 * The current trace context is stored with the row so the published record continues the trace.
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
        row.eventId = UUID.fromString(metadata.id());
        row.topic = event.topic().topicName();
        row.recordKey = event.key();
        row.eventType = metadata.type().ceType();
        row.eventSource = metadata.source();
        row.subject = metadata.subject();
        row.eventTime = metadata.time().atOffset(ZoneOffset.UTC);
        row.payload = codec.encodeToString(event.data());
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator()
                .inject(Context.current(), carrier, (map, key, value) -> map.put(key, value));
        row.traceparent = carrier.get("traceparent");
        row.tracestate = carrier.get("tracestate");
        return row.persist().replaceWithVoid();
    }
}
