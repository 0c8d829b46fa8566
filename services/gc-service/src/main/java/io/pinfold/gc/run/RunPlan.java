package io.pinfold.gc.run;

import io.pinfold.events.gc.GcTrigger;
import io.pinfold.gc.strategy.GcStrategy;

/**
 * What to run on a node and why; {@code modeReason} is the cost model's reason for the strategy, {@code estimatedBytes}
 * what the node's known unpinned roots hold, when known.
 */
public record RunPlan(String nodeId, GcStrategy strategy, String modeReason, GcTrigger trigger, boolean dryRun, Long estimatedBytes) {
}
