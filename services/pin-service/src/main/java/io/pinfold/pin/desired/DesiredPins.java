package io.pinfold.pin.desired;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventData;
import io.pinfold.events.pin.PinRemoved;
import io.pinfold.events.pin.PinReplaced;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.ipfs.cid.Cid;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Applies pin events to the desired state. Call inside a transaction; each method is idempotent. */
@ApplicationScoped
public class DesiredPins {

    public Uni<Void> apply(EventEnvelope<EventData> event) {
        OffsetDateTime at = event.metadata().time().atOffset(ZoneOffset.UTC);
        if (event.data() instanceof PinRequested requested) {
            return request(requested.pinId(), requested.tenant(), requested.cid(), requested.name(), requested.replication(), at);
        }
        if (event.data() instanceof PinReplaced replaced) {
            return remove(replaced.replacedPinId(), "replaced", at)
                    .chain(() -> request(replaced.pinId(), replaced.tenant(), replaced.cid(), replaced.name(), replaced.replication(), at));
        }
        if (event.data() instanceof PinRemoved removed) {
            return remove(removed.pinId(), removed.reason().json(), at);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> request(String pinId, String tenant, String cid, String name, Integer replication, OffsetDateTime at) {
        return DesiredPin.<DesiredPin>findById(pinId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem(); // a request is immutable once recorded; a change is a pin.replaced
            }
            Cid parsed = Cid.parse(cid);
            DesiredPin pin = new DesiredPin();
            pin.pinId = pinId;
            pin.tenant = tenant;
            pin.cid = parsed.toString();
            pin.multihash = parsed.multihash().toBase32();
            pin.name = name;
            pin.replication = replication;
            pin.requestedAt = at;
            return pin.persist().replaceWithVoid();
        });
    }

    private Uni<Void> remove(String pinId, String reason, OffsetDateTime at) {
        return DesiredPin.<DesiredPin>findById(pinId).chain(existing -> {
            if (existing == null || existing.removedAt != null) {
                return Uni.createFrom().voidItem();
            }
            existing.removedAt = at;
            existing.removalReason = reason;
            return Uni.createFrom().voidItem();
        });
    }
}
