package io.pinfold.pin.desired;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventValidator;
import io.pinfold.events.kafka.Validation;
import io.pinfold.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes pinfold.pins, where outside systems may publish. Every record is validated as strictly as a REST
 * request; a record that breaks the contract is nacked, which sends it to pinfold.pins.dlq with the reason.
 * A valid one is applied in a transaction with its inbox entry, and acknowledged only after the commit.
 */
@ApplicationScoped
public class PinEventsConsumer {
    private static final Logger LOG = Logger.getLogger(PinEventsConsumer.class);
    private static final String CONSUMER = "pin-service.pins";

    private final EventValidator validator = new EventValidator();
    private final Inbox inbox;
    private final DesiredPins desiredPins;
    private final Counter applied;
    private final Counter deadLettered;

    public PinEventsConsumer(Inbox inbox, DesiredPins desiredPins, MeterRegistry registry) {
        this.inbox = inbox;
        this.desiredPins = desiredPins;
        this.applied = Counter.builder("pinfold.pins.consumed").tag("outcome", "applied").register(registry);
        this.deadLettered = Counter.builder("pinfold.pins.consumed").tag("outcome", "dead-lettered").register(registry);
    }

    @Incoming("pins")
    public Uni<Void> onPinEvent(Message<byte[]> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("pins channel must be a Kafka channel"));
        Validation verdict = validator.validate(Topic.PINS, record.getKey(), record.getHeaders(), message.getPayload());
        if (verdict instanceof Validation.Rejected rejected) {
            deadLettered.increment();
            LOG.warnf("pinfold.pins partition %d offset %d dead-lettered: %s", record.getPartition(), record.getOffset(), rejected.reason());
            return Uni.createFrom().completionStage(message.nack(rejected.toException()));
        }
        if (!(verdict instanceof Validation.Accepted accepted)) {
            return Uni.createFrom().completionStage(message.ack()); // pinfold.pins is not compacted: nothing to remove
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, accepted.event().metadata().id())
                        .chain(first -> first ? desiredPins.apply(accepted.event()) : Uni.createFrom().voidItem()))
                .invoke(() -> applied.increment())
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }
}
