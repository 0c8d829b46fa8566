package io.pinfold.gc.policy;

import io.pinfold.events.gc.GcTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether a policy calls for a run now, and why: inside an allowed window, at least the minimum interval after the
 * node's last run started, and past a watermark (repo usage first, then reclaimable bytes). Pure, so it is tested
 * with a table of cases.
 *
 * @param windows             allowed UTC windows; empty means any time
 * @param minInterval         least time between two run starts
 * @param usageWatermark      percentage of StorageMax, or null (off)
 * @param reclaimableWatermark bytes held by unpinned roots, or null (off)
 */
public record PolicyDecision(List<TimeWindow> windows, Duration minInterval, Integer usageWatermark, Long reclaimableWatermark) {

    static PolicyDecision of(GcPolicy policy) {
        return new PolicyDecision(PolicyRules.windows(policy.windows), Duration.ofSeconds(policy.minIntervalSeconds),
                policy.repoUsageWatermarkPercent, policy.reclaimableBytesWatermark);
    }

    /**
     * @param usedPercent      the node's repo usage, or null when never read
     * @param reclaimableBytes bytes its unpinned roots hold, or null when none are known
     * @param lastRunStart     when its last run started, or null
     */
    public Optional<GcTrigger> trigger(Instant now, Integer usedPercent, Long reclaimableBytes, Instant lastRunStart) {
        LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
        if (!windows.isEmpty() && windows.stream().noneMatch(window -> window.contains(time))) {
            return Optional.empty();
        }
        if (lastRunStart != null && lastRunStart.plus(minInterval).isAfter(now)) {
            return Optional.empty();
        }
        if (usageWatermark != null && usedPercent != null && usedPercent >= usageWatermark) {
            return Optional.of(GcTrigger.WATERMARK);
        }
        if (reclaimableWatermark != null && reclaimableBytes != null && reclaimableBytes >= reclaimableWatermark) {
            return Optional.of(GcTrigger.UNPINNED);
        }
        return Optional.empty();
    }
}
