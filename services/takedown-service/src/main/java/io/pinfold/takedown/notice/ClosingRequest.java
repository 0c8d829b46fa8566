package io.pinfold.takedown.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Restore or uphold: why. */
@Schema(name = "Closing")
public record ClosingRequest(
        @Schema(required = true, maxLength = 4000, description = "Why; kept in the audit trail and on pinfold.takedowns") String reason) {
}
