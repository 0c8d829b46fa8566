package io.pinfold.pin.desired;

import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventValidator;
import io.pinfold.events.kafka.Validation;
import io.pinfold.outbox.Inbox;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes pinfold.pins, where outside systems may publish. Every record is validated as strictly as a REST
 * request; a record that breaks the contract goes to pinfold.pins.dlq with the reason at once. A valid one is
 * applied in a transaction with its inbox entry and acknowledged only after the commit; a database failure is
 * retried by {@link ResilientDelivery} until it passes or outlasts the retry bound (then it is dead-lettered).
 */
@ApplicationScoped
public class PinEventsConsumer {
    static final String CHANNEL = "pins";
    private static final String CONSUMER = "pin-service.pins";

    private final EventValidator validator = new EventValidator();
    private final Inbox inbox;
    private final DesiredPins desiredPins;
    private final ResilientDelivery delivery;

    public PinEventsConsumer(Inbox inbox, DesiredPins desiredPins, ResilientDelivery delivery) {
        this.inbox = inbox;
        this.desiredPins = desiredPins;
        this.delivery = delivery;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onPinEvent(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        Validation verdict = validator.validate(Topic.PINS, record.key(), record.headers(), record.value());
        if (verdict instanceof Validation.Rejected rejected) {
            return Uni.createFrom().failure(rejected.toException());
        }
        if (!(verdict instanceof Validation.Accepted accepted)) {
            return Uni.createFrom().voidItem(); // pinfold.pins is not compacted: the validator refuses tombstones
        }
        var metadata = accepted.event().metadata();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, metadata.source(), metadata.id())
                .chain(first -> first ? desiredPins.apply(accepted.event()) : Uni.createFrom().voidItem()));
    }
}
