package io.pinfold.gc.run;

import java.util.Optional;

/**
 * Whether one more node may leave the pool for GC: never the last active node of the pool, never a node that holds
 * the last active replica of some pinned content (pin placements from pinfold.pin-status), never more drained at once
 * than allowed.
 *
 * @param otherActiveNodes   nodes other than this one that are active and not drained by a live GC lease
 * @param drainedNow         nodes drained by live GC leases
 * @param maxDrained         most nodes drained at once
 * @param soleReplicas       distinct pinned contents that no other active, undrained node pins
 * @param soleReplicaExample one of them, for the refusal (null when none)
 */
public record DrainRule(long otherActiveNodes, long drainedNow, int maxDrained, long soleReplicas, String soleReplicaExample) {

    /** Why the drain may not happen, or empty when it may. */
    public Optional<String> refusal() {
        if (otherActiveNodes < 1) {
            return Optional.of("it is the last active node of the pool; a full GC would take its content offline");
        }
        if (soleReplicas > 0) {
            return Optional.of("it holds the last active replica of " + soleReplicas + " pinned content(s), e.g. "
                    + soleReplicaExample + "; a full GC would take them offline (targeted GC keeps the node in service)");
        }
        if (drainedNow >= maxDrained) {
            return Optional.of(drainedNow + " node(s) already drained for GC, the most allowed at once (pinfold.gc.max-drained="
                    + maxDrained + ")");
        }
        return Optional.empty();
    }
}
