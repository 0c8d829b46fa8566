package io.pinfold.pin.reconcile;

import io.pinfold.pin.nodepin.NodePinStatus;

/**
 * A node_pin row as read when it came due, with the denylist entry that blocks its content, if any.
 *
 * @param blockedReason why the content is blocked (the entry's reason, or its status when it gives none); null when not blocked
 * @param traceparent   the trace of the request that allocated the row, continued by its reconcile span; null when none
 */
public record DueRow(String pinId, String nodeId, String multihash, String cid, boolean wanted, NodePinStatus status,
                     int attempts, Long blocksFetched, String blockedReason, String traceparent) {

    public boolean blocked() {
        return blockedReason != null;
    }
}
