package io.pinfold.gc.run;

import java.util.Optional;

/**
 * Whether one more node may leave the pool for GC. First safe rule: never the last active node of the pool, never
 * more drained at once than allowed. (Finer, with pin-service's allocations: never a node holding the last active
 * replica of any pin.)
 *
 * @param otherActiveNodes nodes other than this one that are active and not drained by a live GC lease
 * @param drainedNow       nodes drained by live GC leases
 * @param maxDrained       most nodes drained at once
 */
public record DrainRule(long otherActiveNodes, long drainedNow, int maxDrained) {

    /** Why the drain may not happen, or empty when it may. */
    public Optional<String> refusal() {
        if (otherActiveNodes < 1) {
            return Optional.of("it is the last active node of the pool; a full GC would take its content offline");
        }
        if (drainedNow >= maxDrained) {
            return Optional.of(drainedNow + " node(s) already drained for GC, the most allowed at once (pinfold.gc.max-drained="
                    + maxDrained + ")");
        }
        return Optional.empty();
    }
}
