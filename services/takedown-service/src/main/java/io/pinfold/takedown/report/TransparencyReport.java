package io.pinfold.takedown.report;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Aggregate figures only: no notice, complainant, contact or content is named. */
@Schema(name = "TransparencyReport")
public record TransparencyReport(
        @Schema(description = "First month covered, YYYY-MM (UTC)") String from,
        @Schema(description = "Last month covered, YYYY-MM (UTC)") String to,
        OffsetDateTime generatedAt,
        @Schema(description = "Every month of the period in order, months without notices included") List<PeriodFigures> months,
        @Schema(description = "The whole period: counts are the sums of the months; the decision times are over all its decided notices")
        PeriodFigures total) {
}
