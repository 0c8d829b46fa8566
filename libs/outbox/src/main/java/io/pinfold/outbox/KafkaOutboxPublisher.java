package io.pinfold.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes outbox rows with a plain Kafka producer of its own, configured from the service's {@code kafka.*}
 * keys (bootstrap servers, SASL/TLS) plus the outbox's own timeouts. A plain producer rather than a SmallRye
 * channel: each record's acknowledgement comes straight from the broker (no emitter buffer whose wait would
 * count against the lease), a null value is a tombstone as is, and the hand-over can be refused record by record.
 *
 * <p>The bound this gives the relay ({@link #settleBound}): {@code send} blocks at most {@code max.block.ms}, and
 * reports the outcome at most {@code delivery.timeout.ms} after it returns. Retries stay inside that window and
 * the idempotent producer keeps each partition's order through them.
 */
@ApplicationScoped
public class KafkaOutboxPublisher implements OutboxPublisher, AutoCloseable {
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

    private final Producer<String, String> producer;
    private final Duration settleBound;
    private final TextMapPropagator propagator;
    private final Tracer tracer;
    private final KafkaClientMetrics producerMetrics;
    /** send() may block on metadata; it never runs on an event loop. One thread keeps the hand-over order. */
    private final ExecutorService handOver = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pinfold-outbox-hand-over");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaOutboxPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                                @ConfigProperty(name = "pinfold.outbox.delivery-timeout", defaultValue = "3s") Duration deliveryTimeout,
                                @ConfigProperty(name = "pinfold.outbox.request-timeout", defaultValue = "2s") Duration requestTimeout,
                                @ConfigProperty(name = "pinfold.outbox.linger", defaultValue = "1ms") Duration linger,
                                @ConfigProperty(name = "pinfold.outbox.max-block", defaultValue = "1s") Duration maxBlock,
                                OpenTelemetry openTelemetry, MeterRegistry registry) {
        if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
            throw new IllegalArgumentException("pinfold.outbox.delivery-timeout (" + deliveryTimeout + ") must be at least "
                    + "pinfold.outbox.request-timeout + pinfold.outbox.linger (" + requestTimeout.plus(linger) + "), as Kafka requires");
        }
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pinfold-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.settleBound = maxBlock.plus(deliveryTimeout);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.tracer = openTelemetry.getTracer("io.pinfold.outbox");
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
    }

    @Override
    public Duration settleBound() {
        return settleBound;
    }

    @Override
    public Uni<List<Outcome>> publish(List<PendingEvent> events, HandOverDeadline deadline) {
        return Uni.createFrom().item(() -> handOver(events, deadline))
                .runSubscriptionOn(handOver)
                .chain(outcomes -> Uni.createFrom()
                        .completionStage(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
                        .map(all -> outcomes.stream().map(CompletableFuture::join).toList()));
    }

    private List<CompletableFuture<Outcome>> handOver(List<PendingEvent> events, HandOverDeadline deadline) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            // Checked right before each send: a record handed over after this could outlive the lease.
            if (deadline.hasPassed()) {
                outcome.complete(new Outcome(event, new LeaseEndingException()));
                continue;
            }
            Span span = tracer.spanBuilder(event.topic() + " publish")
                    .setParent(traceContextOf(event))
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", event.topic())
                    .setAttribute("messaging.message.id", event.eventId())
                    .startSpan();
            try {
                producer.send(toRecord(event, span), (metadata, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    }
                    span.end();
                    outcome.complete(new Outcome(event, failure));
                });
            } catch (RuntimeException failure) {
                span.setStatus(StatusCode.ERROR, failure.getMessage());
                span.end();
                outcome.complete(new Outcome(event, failure));
            }
        }
        return outcomes;
    }

    private ProducerRecord<String, String> toRecord(PendingEvent event, Span span) {
        List<Header> headers = new ArrayList<>(event.isTombstone()
                ? CloudEventHeaders.writeTombstone(event.eventId(), event.source(), event.time().toInstant())
                : CloudEventHeaders.writeRaw(event.eventId(), event.source(), event.type(), event.time().toInstant(), event.subject()));
        // The publish span continues the trace of the transaction that wrote the row; consumers continue it.
        propagator.inject(Context.current().with(span), headers, (carrier, key, value) ->
                carrier.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), headers);
    }

    private Context traceContextOf(PendingEvent event) {
        Map<String, String> carrier = new HashMap<>();
        if (event.traceparent() != null) {
            carrier.put("traceparent", event.traceparent());
        }
        if (event.tracestate() != null) {
            carrier.put("tracestate", event.tracestate());
        }
        return propagator.extract(Context.root(), carrier, MAP_GETTER);
    }

    /** Sends still under way get up to the settle bound, so nothing the relay handed over is cut off. */
    @PreDestroy
    @Override
    public void close() {
        handOver.shutdown();
        producerMetrics.close();
        producer.close(settleBound);
    }
}
