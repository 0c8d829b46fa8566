package io.pinfold.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox rows as CloudEvents in Kafka binary mode through the {@code pinfold-outbox} channel,
 * each to its own topic, continuing the trace of the transaction that wrote it.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final MutinyEmitter<String> emitter;
    private final OpenTelemetry openTelemetry;

    public OutboxPublisher(@Channel("pinfold-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                           MutinyEmitter<String> emitter, OpenTelemetry openTelemetry) {
        this.emitter = emitter;
        this.openTelemetry = openTelemetry;
    }

    /** Hands every event to the producer in order (the idempotent producer keeps that order per partition) and waits for all acks. */
    Uni<Void> publishInOrder(List<PendingEvent> batch) {
        List<Uni<Void>> sends = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            sends.add(emitter.sendMessage(toMessage(event)));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Message<String> toMessage(PendingEvent event) {
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                // The trace travels as TracingMetadata: the connector writes the producer span's traceparent.
                .withHeaders(new RecordHeaders(CloudEventHeaders.write(event.metadata())))
                .build();
        return Message.of(event.payload())
                .addMetadata(kafka)
                .addMetadata(TracingMetadata.withCurrent(traceContextOf(event)));
    }

    private Context traceContextOf(PendingEvent event) {
        Map<String, String> carrier = new HashMap<>();
        if (event.traceparent() != null) {
            carrier.put("traceparent", event.traceparent());
        }
        if (event.tracestate() != null) {
            carrier.put("tracestate", event.tracestate());
        }
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), carrier, MAP_GETTER);
    }
}
