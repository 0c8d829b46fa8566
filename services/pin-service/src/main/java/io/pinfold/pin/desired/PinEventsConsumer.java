package io.pinfold.pin.desired;

import io.pinfold.events.EventMetadata;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.kafka.EventValidator;
import io.pinfold.events.kafka.Validation;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.outbox.Inbox;
import io.pinfold.pin.admission.SignedEvents;
import io.pinfold.runtime.consume.RecordRefusedException;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.pinfold.runtime.rest.RequestRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes pinfold.pins, where outside systems may publish pin.requested. Every record is validated as strictly as a
 * REST request and applied by the same code path as {@code POST /pins} ({@link PinRequests#createRequested}): the
 * tenant must exist, its quotas hold, the request id must be free. A record that breaks the contract or is refused
 * by those rules goes to pinfold.pins.dlq with the reason at once; a database failure is retried by
 * {@link ResilientDelivery} until it passes or outlasts the retry bound (then it is dead-lettered).
 *
 * <p>pin-service's own events (ce_source {@value #OWN_SOURCE}) are skipped: their state was written in the very
 * transaction that appended them to the outbox, so applying them again would at best do nothing and at worst (a
 * removal replayed after a re-creation) undo a later change. Outside publishers may only request pins; a pin.removed
 * or pin.replaced from another source is refused, as only the API may remove a tenant's pin.
 *
 * <p>Admission rules ({@link SignedEvents}): a tenant may require its events to be signed by one of its publisher keys;
 * unsigned, badly signed, unknown-key, revoked-key and stale events are dead-lettered with the reason.
 */
@ApplicationScoped
public class PinEventsConsumer {
    static final String CHANNEL = "pins";
    static final String OWN_SOURCE = "/pinfold/pin-service";
    private static final String CONSUMER = "pin-service.pins";

    private final EventValidator validator = new EventValidator();
    private final Inbox inbox;
    private final PinRequests pins;
    private final ResilientDelivery delivery;
    private final Counter ownSkipped;
    private final SignedEvents signatures;

    public PinEventsConsumer(Inbox inbox, PinRequests pins, ResilientDelivery delivery, MeterRegistry registry, SignedEvents signatures) {
        this.signatures = signatures;
        this.inbox = inbox;
        this.pins = pins;
        this.delivery = delivery;
        this.ownSkipped = Counter.builder("pinfold.pins.own-events-skipped")
                .description("pin-service's own pin events read back from pinfold.pins and skipped (their state is already written)")
                .register(registry);
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
        EventMetadata metadata = accepted.event().metadata();
        if (PinfoldSource.PIN_SERVICE.uri().equals(metadata.source())) {
            ownSkipped.increment();
            return Uni.createFrom().voidItem();
        }
        if (!(accepted.event().data() instanceof PinRequested requested)) {
            return Uni.createFrom().failure(new RecordRefusedException("ce_type: " + metadata.type().ceType()
                    + " is only accepted from pin-service (" + OWN_SOURCE + "); outside publishers may publish io.pinfold.pin.requested"));
        }
        // The signature first (a bad one is refused even for an id seen before), then the inbox (a redelivered or replayed
        // event is applied once), then the freshness of a signed event (a redelivery of an applied one is no error).
        return Panache.withTransaction(() -> signatures.checkSignature(record, requested.tenant())
                        .chain(signed -> inbox.firstDelivery(CONSUMER, metadata.source(), metadata.id())
                                .chain(first -> {
                                    if (!first) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    if (signed) {
                                        signatures.checkFresh(metadata.time());
                                    }
                                    return pins.createRequested(requested).replaceWithVoid();
                                })))
                .onFailure(RequestRejected.class).transform(refused -> new RecordRefusedException(
                        refused.getMessage() + " (" + ((RequestRejected) refused).reason() + ")", refused));
    }
}
