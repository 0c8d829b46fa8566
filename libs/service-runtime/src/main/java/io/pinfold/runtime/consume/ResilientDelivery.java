package io.pinfold.runtime.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Hands one consumed Kafka record to its handler and settles it, so no failure ever stops the stream:
 * <ul>
 * <li>success: acked (the handler's Uni completes after its transaction committed, so the offset never runs ahead
 * of the database);</li>
 * <li>the record's fault ({@link FailureKind#RECORDS_FAULT}): nacked at once, which the channel's
 * {@code failure-strategy=dead-letter-queue} turns into a copy on the dead-letter topic with the reason and the
 * original topic, partition and offset as headers;</li>
 * <li>anything else: retried in place with exponential backoff and jitter for up to
 * {@code pinfold.consumer.retry.max-duration}, then nacked with the last error as the reason.</li>
 * </ul>
 * Retrying in place holds the records behind it, which is what keeps a key's events in topic order. Written here
 * rather than with SmallRye's {@code @Retry}/delayed-retry-topic: those either block a thread or reorder records.
 */
@ApplicationScoped
public class ResilientDelivery {
    private static final Logger LOG = Logger.getLogger(ResilientDelivery.class);

    private final ConsumerConfig config;
    private final ConsumerStatus status;
    private final MeterRegistry registry;
    private final Map<String, ChannelMeters> meters = new ConcurrentHashMap<>();

    public ResilientDelivery(ConsumerConfig config, ConsumerStatus status, MeterRegistry registry) {
        this.config = config;
        this.status = status;
        this.registry = registry;
    }

    /** Runs {@code handler} on the Kafka record inside {@code message} and acks or nacks the message. */
    public Uni<Void> deliver(String channel, Message<byte[]> message,
                             Function<ConsumerRecord<String, byte[]>, Uni<Void>> handler) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException(channel + " must be a Kafka channel"));
        ConsumerRecord<String, byte[]> record = metadata.getRecord();
        RecordPosition position = new RecordPosition(record.topic(), record.partition(), record.offset());
        ChannelMeters counters = meters.computeIfAbsent(channel, this::metersFor);
        status.seen(channel);
        Attempts attempts = new Attempts(channel, position, Instant.now(), Vertx.currentContext(), counters);
        return attempts.run(() -> Uni.createFrom().deferred(() -> handler.apply(record)))
                .onItemOrFailure().transformToUni((done, failure) -> {
                    status.settled(channel);
                    if (failure == null) {
                        counters.applied.increment();
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    counters.refused.increment();
                    LOG.warnf("%s: %s refused (%s): %s", channel, position, counters.refusedOutcome, failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /** The bound backoff before attempt {@code attempt + 1}: initial × 2^(attempt-1), capped, with ±50 % jitter. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        long base = initial.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 1), max.toMillis());
        // full range 0.5×..1.5×, so copies that failed together do not retry together
        long jittered = (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.min(Math.max(jittered, 1), max.toMillis()));
    }

    private ChannelMeters metersFor(String channel) {
        String strategy = ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming." + channel + ".failure-strategy", String.class).orElse("fail");
        String refusedOutcome = strategy.equals("dead-letter-queue") ? "dead-lettered" : "skipped";
        return new ChannelMeters(counter(channel, "applied"), counter(channel, "retried"),
                counter(channel, refusedOutcome), refusedOutcome);
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder("pinfold.consumer.records")
                .description("Records a Kafka consumer handled, by outcome (applied, retried attempts, dead-lettered or skipped)")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    private record ChannelMeters(Counter applied, Counter retried, Counter refused, String refusedOutcome) {
    }

    /** The attempts at one record. */
    private final class Attempts {
        private final String channel;
        private final RecordPosition position;
        private final Instant start;
        private final Context context;
        private final ChannelMeters counters;
        private int count;

        Attempts(String channel, RecordPosition position, Instant start, Context context, ChannelMeters counters) {
            this.channel = channel;
            this.position = position;
            this.start = start;
            this.context = context;
            this.counters = counters;
        }

        Uni<Void> run(Supplier<Uni<Void>> attempt) {
            count++;
            return attempt.get().onFailure().recoverWithUni(failure -> {
                String error = describe(failure);
                if (FailureKind.of(failure) == FailureKind.RECORDS_FAULT) {
                    return Uni.createFrom().failure(new DeadLetterReason(error, failure));
                }
                Duration spent = Duration.between(start, Instant.now());
                Duration left = config.retry().maxDuration().minus(spent);
                if (left.isNegative() || left.isZero()) {
                    return Uni.createFrom().failure(new DeadLetterReason("gave up after " + count + " attempts in "
                            + spent.toSeconds() + " s: " + error, failure));
                }
                Duration pause = backoff(count, config.retry().initialBackoff(), config.retry().maxBackoff());
                if (pause.compareTo(left) > 0) {
                    pause = left;
                }
                counters.retried.increment();
                status.retrying(channel, new ConsumerStatus.Retrying(position, start, count, error));
                LOG.warnf("%s: %s failed (attempt %d, retrying in %d ms): %s", channel, position, count, pause.toMillis(), error);
                return pause(pause).chain(() -> run(attempt));
            });
        }

        /** Waits, then resumes on the consumer's Vert.x context: Hibernate Reactive only runs there. */
        private Uni<Void> pause(Duration pause) {
            if (context == null) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(pause);
            }
            return Uni.createFrom().emitter(emitter -> context.owner().setTimer(pause.toMillis(),
                    id -> context.runOnContext(ignored -> emitter.complete(null))));
        }
    }

    private static String describe(Throwable failure) {
        if (FailureKind.of(failure) == FailureKind.RECORDS_FAULT) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RecordRefusedException || cause instanceof io.pinfold.events.validation.InvalidEventException) {
                    return cause.getMessage();
                }
            }
        }
        // Hibernate and Vert.x wrap the interesting error; the innermost one names it (e.g. PostgreSQL's message).
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
