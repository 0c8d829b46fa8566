package io.pinfold.events.gc;

import io.pinfold.events.validation.FieldChecks;

/** Rules every GC event shares: which run, on which node. */
final class GcFields {

    private GcFields() {
    }

    static FieldChecks check(String runId, String nodeId) {
        return FieldChecks.start()
                .required("runId", runId).uuid("runId", runId)
                .required("nodeId", nodeId).nodeId("nodeId", nodeId);
    }

    static FieldChecks counts(FieldChecks checks, long blocksRemoved, long bytesFreed) {
        return checks.atLeast("blocksRemoved", blocksRemoved, 0).atLeast("bytesFreed", bytesFreed, 0);
    }
}
