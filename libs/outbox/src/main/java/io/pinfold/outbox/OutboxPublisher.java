package io.pinfold.outbox;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/**
 * The port the relay publishes through, so the transport can change (a polling relay to Kafka today; CDC or
 * another broker later) without touching the services that append. {@link KafkaOutboxPublisher} is the
 * implementation the services run.
 */
public interface OutboxPublisher {

    /**
     * Hands {@code events} to the broker in list order and completes once every one has an outcome. None is
     * handed over once {@code deadline} has passed (it fails as refused); the relay never gives one wave two
     * events of the same key, so a failed event can never be overtaken by its key's next one.
     */
    Uni<List<Outcome>> publish(List<PendingEvent> events, HandOverDeadline deadline);

    /**
     * The longest time from the hand-over check to the moment a record's outcome is known and it can no longer
     * be written. The relay hands over only while its lease has longer than this left.
     */
    Duration settleBound();

    /** What became of one event: acknowledged by the broker, or the failure (the event stays in the outbox). */
    record Outcome(PendingEvent event, Throwable failure) {

        public static Outcome acknowledged(PendingEvent event) {
            return new Outcome(event, null);
        }

        public boolean isAcknowledged() {
            return failure == null;
        }
    }
}
