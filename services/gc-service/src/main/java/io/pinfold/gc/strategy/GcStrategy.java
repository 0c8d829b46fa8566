package io.pinfold.gc.strategy;

import io.pinfold.events.gc.GcMode;
import io.pinfold.kubo.KuboClient;
import io.smallrye.mutiny.Multi;

/**
 * One way of reclaiming a node's space. A run drives it and takes care of everything around it (lease, drain,
 * history, events); a new mode (targeted GC) is a new implementation, found by {@link GcStrategies} by its mode.
 */
public interface GcStrategy {

    GcMode mode();

    /** Whether the node must leave the gateway pool and the pin reconciler's work while this runs. */
    boolean drainsNode();

    /**
     * Collects garbage on the node: running totals as it goes, the last item the final totals. Cancelling the
     * subscription stops the work on the node (the run lost its lease).
     */
    Multi<RunTotals> collect(String nodeId, KuboClient node);
}
