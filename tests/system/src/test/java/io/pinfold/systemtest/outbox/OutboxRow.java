package io.pinfold.systemtest.outbox;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.EventCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One row of a service's outbox ({@code outbox_event}), in the columns every relay reads: the event's topic, key,
 * CloudEvents attributes, JSON data and the trace context of the transaction that wrote it.
 */
public record OutboxRow(UUID eventId, String topic, String recordKey, String eventType, String eventSource, String subject,
                        Instant eventTime, String payload, String traceparent, String tracestate) {

    private static final EventCodec CODEC = new EventCodec();

    /**
     * The row {@code Outbox.append} writes for this event, without a trace context. Its time in microseconds, as
     * PostgreSQL keeps it, so the row reads back as it was written.
     */
    public static OutboxRow of(EventEnvelope<? extends EventData> event) {
        return new OutboxRow(UUID.fromString(event.metadata().id()), event.topic().topicName(), event.key(),
                event.type().ceType(), event.metadata().source(), event.metadata().subject(),
                event.metadata().time().truncatedTo(ChronoUnit.MICROS), CODEC.encodeToString(event.data()), null, null);
    }
}
