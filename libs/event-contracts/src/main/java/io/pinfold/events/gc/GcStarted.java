package io.pinfold.events.gc;


/**
 * {@code io.pinfold.gc.started}: the run began on the node.
 *
 * @param runId   the run
 * @param nodeId  the node
 * @param mode    how space is reclaimed
 * @param drained whether the node was drained (out of the gateway pool, pins held) for this run
 */
public record GcStarted(String runId, String nodeId, GcMode mode, boolean drained) implements GcRunEvent {

    public GcStarted {
        GcFields.check(runId, nodeId).required("mode", mode).orThrow();
    }
}
