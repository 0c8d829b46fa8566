package io.pinfold.takedown.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the trail in seq order; {@code next} is the {@code after} of the following page, null on the last. */
@Schema(name = "AuditPage")
public record AuditPage(
        List<AuditRecordView> records,
        @Schema(description = "Pass as after= for the next page; absent when this page is not full", nullable = true) Long next) {
}
