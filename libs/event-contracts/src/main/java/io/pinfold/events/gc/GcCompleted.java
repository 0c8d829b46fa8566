package io.pinfold.events.gc;


/**
 * {@code io.pinfold.gc.completed}: the run finished; the record of what it cost and reclaimed.
 *
 * @param runId         the run
 * @param nodeId        the node
 * @param mode          how space was reclaimed
 * @param blocksRemoved blocks removed
 * @param bytesFreed    bytes freed
 * @param durationMs    wall-clock time of the run in milliseconds
 */
public record GcCompleted(
        String runId,
        String nodeId,
        GcMode mode,
        long blocksRemoved,
        long bytesFreed,
        long durationMs) implements GcRunEvent {

    public GcCompleted {
        GcFields.counts(GcFields.check(runId, nodeId).required("mode", mode), blocksRemoved, bytesFreed)
                .atLeast("durationMs", durationMs, 0)
                .orThrow();
    }
}
