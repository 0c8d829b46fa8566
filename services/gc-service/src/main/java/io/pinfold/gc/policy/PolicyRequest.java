package io.pinfold.gc.policy;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A node's policy as an operator sends it; checked field by field by {@link PolicyRules}. */
@Schema(name = "GcPolicyRequest")
public record PolicyRequest(
        @Schema(description = "full (Kubo's repo gc, node drained meanwhile); targeted is refused until it is implemented",
                enumeration = {"full", "targeted"}, defaultValue = "full") String mode,
        @Schema(description = "Plan and record runs without collecting", defaultValue = "false") Boolean dryRun,
        @Schema(description = "Run once the unpinned roots on the node hold at least this many bytes; absent: off", minimum = "0")
        Long reclaimableBytesWatermark,
        @Schema(description = "Run once the repo uses at least this percentage of its StorageMax; absent: off", minimum = "1", maximum = "100")
        Integer repoUsageWatermarkPercent,
        @Schema(description = "Least time between the start of two runs on the node, in seconds (batches unpins)", minimum = "0", defaultValue = "3600")
        Long minIntervalSeconds,
        @Schema(description = "UTC windows in which runs may start, HH:MM-HH:MM (e.g. 02:00-05:00, 22:00-02:00 wraps midnight); empty: any time")
        List<String> windows) {
}
