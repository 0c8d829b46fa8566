package io.pinfold.takedown.report;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The figures of one month, or of the whole period. Notices count in the month they were received (UTC); denylist
 * entries added and removed count in the month it happened.
 */
@Schema(name = "TransparencyFigures")
public record PeriodFigures(
        @Schema(description = "YYYY-MM, or \"total\" for the whole period") String month,
        @Schema(description = "Notices received") long notices,
        @Schema(description = "Notices by the legal basis they invoke; every basis is listed, the values add up to notices")
        Map<String, Long> byLegalBasis,
        @Schema(description = "Notices by where they stand now: pending, accepted, partly (some targets), rejected, "
                + "counter-noticed, restored, upheld; the values add up to notices") Map<String, Long> byOutcome,
        @Schema(description = "Targets (CIDs, paths, names, domains) the notices asked to take down") long targetsRequested,
        @Schema(description = "Of those, targets a decision blocked (also when later restored)") long targetsBlocked,
        @Schema(description = "Time from intake to the decision (accept or reject) of the decided notices") DecisionTimes timeToDecision,
        @Schema(description = "Denylist entries added (by acceptances)") long entriesAdded,
        @Schema(description = "Denylist entries removed (by restores)") long entriesRemoved) {

    /** Median and 90th percentile (continuous, interpolated) in seconds; null when nothing was decided. */
    @Schema(name = "DecisionTimes")
    public record DecisionTimes(long decided, Double medianSeconds, Double p90Seconds) {
        public static final DecisionTimes NONE = new DecisionTimes(0, null, null);
    }
}
