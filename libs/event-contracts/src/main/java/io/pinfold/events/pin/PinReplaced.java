package io.pinfold.events.pin;

import io.pinfold.events.PinEvent;
import io.pinfold.events.OptionalField;
import java.util.List;
import java.util.Map;

/**
 * {@code io.pinfold.pin.replaced}: pin {@code replacedPinId} of {@code previousCid} was replaced by
 * pin {@code pinId} of {@code cid} (Pinning Service API "replace"), in one step so the old content
 * is only released once the new one is wanted. Keyed by the new pin's request id ({@code pinId}): it
 * ends the life of {@code replacedPinId} and starts that of {@code pinId}; consumers that track the old content
 * (gc-service) must look at {@code previousCid}.
 *
 * @param pinId         the new pin's request id
 * @param replacedPinId the request id of the pin it replaces
 * @param tenant        the tenant that owns both
 * @param cid           the new content
 * @param previousCid   the content of the replaced pin
 * @param name          optional human-readable name of the new pin
 * @param origins       multiaddrs of peers known to have the new content
 * @param meta          free-form string metadata of the new pin
 * @param replication   copies wanted, 1 to 16; absent means the tenant's default
 */
public record PinReplaced(
        String pinId,
        String replacedPinId,
        String tenant,
        String cid,
        String previousCid,
        @OptionalField String name,
        @OptionalField List<String> origins,
        @OptionalField Map<String, String> meta,
        @OptionalField Integer replication) implements PinEvent {

    public PinReplaced {
        PinFields.check(pinId, tenant, cid, name, origins, meta, replication)
                .required("replacedPinId", replacedPinId).identifier("replacedPinId", replacedPinId)
                .required("previousCid", previousCid).cid("previousCid", previousCid)
                .orThrow();
        origins = origins == null ? List.of() : List.copyOf(origins);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }
}
