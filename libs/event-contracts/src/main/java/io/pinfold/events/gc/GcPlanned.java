package io.pinfold.events.gc;

import io.pinfold.events.OptionalField;
import java.time.Instant;

/**
 * {@code io.pinfold.gc.planned}: gc-service decided to run GC on a node. Keyed by node id so a
 * node's runs stay in order; the subject is the run id.
 *
 * @param runId          the run (UUID), shared by all its events
 * @param nodeId         the node to collect
 * @param mode           how space will be reclaimed
 * @param trigger        why the run was planned
 * @param notBefore      earliest start (the policy's window), absent for "as soon as possible"
 * @param rootCount      unpinned or blocked roots the run considers, for targeted and purge runs
 * @param estimatedBytes bytes the planner expects to free, when it can tell
 */
public record GcPlanned(
        String runId,
        String nodeId,
        GcMode mode,
        GcTrigger trigger,
        @OptionalField Instant notBefore,
        @OptionalField Integer rootCount,
        @OptionalField Long estimatedBytes) implements GcRunEvent {

    public GcPlanned {
        GcFields.check(runId, nodeId)
                .required("mode", mode)
                .required("trigger", trigger)
                .atLeast("rootCount", rootCount, 0)
                .atLeast("estimatedBytes", estimatedBytes, 0)
                .orThrow();
    }
}
