package io.pinfold.events.pinstatus;

import io.pinfold.events.PinEvent;
import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;

/**
 * {@code io.pinfold.pin.status-changed}: pin {@code pinId} moved to {@code status} on node
 * {@code nodeId}. One event per node and change, so a pin with replication 3 reports three times.
 *
 * @param pinId          the pin's request id
 * @param cid            the pinned content
 * @param nodeId         the node whose state changed
 * @param status         the new state on that node
 * @param previousStatus the state before, absent for the first report
 * @param attempt        attempt number, from 1, when the status comes from an attempt
 * @param error          what went wrong; required when {@code status} is {@code failed}
 * @param sizeBytes      cumulative size of the pinned DAG, when known (usually on {@code pinned})
 */
public record PinStatusChanged(
        String pinId,
        String cid,
        String nodeId,
        PinStatus status,
        @OptionalField PinStatus previousStatus,
        @OptionalField Integer attempt,
        @OptionalField String error,
        @OptionalField Long sizeBytes) implements PinEvent {

    public PinStatusChanged {
        FieldChecks.start()
                .required("pinId", pinId).identifier("pinId", pinId)
                .required("cid", cid).cid("cid", cid)
                .required("nodeId", nodeId).nodeId("nodeId", nodeId)
                .required("status", status)
                .atLeast("attempt", attempt, 1)
                .text("error", error, 4096)
                .that(status != PinStatus.FAILED || error != null, "error", "required when status is failed")
                .atLeast("sizeBytes", sizeBytes, 0)
                .orThrow();
    }
}
