package io.pinfold.events.pin;

import io.pinfold.events.PinEvent;
import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;

/**
 * {@code io.pinfold.pin.removed}: the pin no longer exists; its content may be unpinned from every
 * node and becomes a candidate for garbage collection (unless another pin holds it).
 *
 * @param pinId    the removed pin's request id
 * @param tenant   the tenant that owned it
 * @param cid      the content it pinned
 * @param reason   why it was removed
 * @param noticeId the takedown notice behind a {@code blocked} removal, when known
 */
public record PinRemoved(
        String pinId,
        String tenant,
        String cid,
        PinRemovalReason reason,
        @OptionalField String noticeId) implements PinEvent {

    public PinRemoved {
        FieldChecks.start()
                .required("pinId", pinId).identifier("pinId", pinId)
                .required("tenant", tenant).identifier("tenant", tenant)
                .required("cid", cid).cid("cid", cid)
                .required("reason", reason)
                .identifier("noticeId", noticeId)
                .orThrow();
    }
}
