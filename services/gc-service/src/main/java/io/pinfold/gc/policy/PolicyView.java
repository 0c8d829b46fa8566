package io.pinfold.gc.policy;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GcPolicy")
public record PolicyView(String nodeId, String mode, boolean dryRun, Long reclaimableBytesWatermark,
                         Integer repoUsageWatermarkPercent, long minIntervalSeconds, List<String> windows,
                         OffsetDateTime updatedAt) {

    static PolicyView of(GcPolicy policy) {
        return new PolicyView(policy.nodeId, policy.mode, policy.dryRun, policy.reclaimableBytesWatermark,
                policy.repoUsageWatermarkPercent, policy.minIntervalSeconds, PolicyRules.windowTexts(policy.windows),
                policy.updatedAt);
    }
}
