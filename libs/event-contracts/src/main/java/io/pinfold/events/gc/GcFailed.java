package io.pinfold.events.gc;

import io.pinfold.events.validation.FieldChecks;

/**
 * {@code io.pinfold.gc.failed}: the run stopped on an error; totals are what it did before.
 *
 * @param runId         the run
 * @param nodeId        the node
 * @param mode          how space was being reclaimed
 * @param error         what went wrong
 * @param retryable     whether gc-service will plan the run again by itself
 * @param blocksRemoved blocks removed before the failure
 * @param bytesFreed    bytes freed before the failure
 */
public record GcFailed(
        String runId,
        String nodeId,
        GcMode mode,
        String error,
        boolean retryable,
        long blocksRemoved,
        long bytesFreed) implements GcRunEvent {

    public GcFailed {
        FieldChecks checks = GcFields.check(runId, nodeId)
                .required("mode", mode)
                .required("error", error).text("error", error, 4096);
        GcFields.counts(checks, blocksRemoved, bytesFreed).orThrow();
    }
}
