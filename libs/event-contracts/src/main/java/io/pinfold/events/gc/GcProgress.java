package io.pinfold.events.gc;

import io.pinfold.events.OptionalField;

/**
 * {@code io.pinfold.gc.progress}: running totals of a run, after each batch (targeted, purge) or
 * periodically (full).
 *
 * @param runId         the run
 * @param nodeId        the node
 * @param blocksRemoved blocks removed so far
 * @param bytesFreed    bytes freed so far
 * @param batchesDone   {@code block rm} batches finished so far (0 for a full GC)
 * @param batchesTotal  batches planned, when known
 * @param elapsedMs     milliseconds since the run started collecting, when the producer measured it
 */
public record GcProgress(
        String runId,
        String nodeId,
        long blocksRemoved,
        long bytesFreed,
        int batchesDone,
        @OptionalField Integer batchesTotal,
        @OptionalField Long elapsedMs) implements GcRunEvent {

    public GcProgress {
        GcFields.counts(GcFields.check(runId, nodeId), blocksRemoved, bytesFreed)
                .atLeast("batchesDone", batchesDone, 0)
                .atLeast("batchesTotal", batchesTotal, batchesDone)
                .atLeast("elapsedMs", elapsedMs, 0)
                .orThrow();
    }

    /** Progress without the elapsed time: what producers before it sent. */
    public GcProgress(String runId, String nodeId, long blocksRemoved, long bytesFreed, int batchesDone, Integer batchesTotal) {
        this(runId, nodeId, blocksRemoved, bytesFreed, batchesDone, batchesTotal, null);
    }
}
