package io.pinfold.takedown.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A counter-notice against an accepted notice, recorded by a reviewer. */
@Schema(name = "CounterNotice")
public record CounterNoticeRequest(
        @Schema(required = true, maxLength = 8192, description = "The counter-notice statement") String statement,
        @Schema(required = true, maxLength = 320, description = "How to reach whoever filed it (never published)") String contact) {
}
