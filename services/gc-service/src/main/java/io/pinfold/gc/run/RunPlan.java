package io.pinfold.gc.run;

import io.pinfold.events.gc.GcTrigger;
import io.pinfold.gc.strategy.GcStrategy;

/** What to run on a node and why; {@code estimatedBytes} is what its known unpinned roots hold, when known. */
public record RunPlan(String nodeId, GcStrategy strategy, GcTrigger trigger, boolean dryRun, Long estimatedBytes) {
}
