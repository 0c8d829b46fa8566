package io.pinfold.events.pin;

import io.pinfold.events.PinEvent;
import io.pinfold.events.OptionalField;
import java.util.List;
import java.util.Map;

/**
 * {@code io.pinfold.pin.requested}: someone wants {@code cid} pinned on {@code replication} nodes.
 * Published by pin-service for Pinning Service API requests, and by outside systems directly.
 *
 * @param pinId       the pin's request id, globally unique (Pinning Service API {@code requestid}); the record key
 * @param tenant      the tenant that owns the pin
 * @param cid         the content to pin, any CID form
 * @param name        optional human-readable name (at most 255 characters)
 * @param origins     multiaddrs of peers known to have the content (at most 20)
 * @param meta        free-form string metadata (at most 64 entries)
 * @param replication copies wanted, 1 to 16; absent means the tenant's default
 */
public record PinRequested(
        String pinId,
        String tenant,
        String cid,
        @OptionalField String name,
        @OptionalField List<String> origins,
        @OptionalField Map<String, String> meta,
        @OptionalField Integer replication) implements PinEvent {

    public PinRequested {
        PinFields.check(pinId, tenant, cid, name, origins, meta, replication).orThrow();
        origins = origins == null ? List.of() : List.copyOf(origins);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }
}
