package io.pinfold.pin.reconcile;

import io.pinfold.pin.admission.DagSizeCap;
import io.pinfold.pin.nodepin.NodePinStatus;
import java.util.List;

/**
 * A node_pin row as read when it came due, with what its attempt needs from elsewhere, read in the same query
 * ({@link NodePinStore#due}) so an attempt makes no reads of its own: the denylist entry that blocks its content,
 * the pin's origins and its tenant's DAG size cap.
 *
 * @param blockedReason why the content is blocked (the entry's reason, or its status when it gives none); null when not blocked
 * @param traceparent   the trace of the request that allocated the row, continued by its reconcile span; null when none
 * @param origins       the pin's origins (multiaddrs) as the API stored them (desired_pin.origins); empty when none
 * @param sizeCap       the DAG size cap of the pin's tenant (tenant_admission, V11); {@link DagSizeCap#isNone()} without one
 */
public record DueRow(String pinId, String nodeId, String multihash, String cid, boolean wanted, NodePinStatus status,
                     int attempts, Long blocksFetched, String blockedReason, String traceparent,
                     List<String> origins, DagSizeCap sizeCap) {

    public DueRow {
        origins = origins == null ? List.of() : List.copyOf(origins);
        sizeCap = sizeCap == null ? new DagSizeCap(null, null) : sizeCap;
    }

    public boolean blocked() {
        return blockedReason != null;
    }

    /** The same row in {@code status}, one attempt further (an attempt was started). */
    DueRow startedAs(NodePinStatus status) {
        return new DueRow(pinId, nodeId, multihash, cid, wanted, status, attempts + 1, blocksFetched, blockedReason,
                traceparent, origins, sizeCap);
    }
}
