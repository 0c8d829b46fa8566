package io.pinfold.takedown.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outside list to follow, as the operator sets it (PUT replaces every field). */
@Schema(name = "ImportSourceRequest")
public record SourceRequest(
        @Schema(description = "http(s) URL of the list; absent for a list that only arrives by upload",
                example = "https://badbits.dwebops.pub/badbits.deny") String url,
        @Schema(description = "Fetch every this many seconds (60 to 2592000); absent: only on demand", example = "3600") Integer intervalSeconds,
        @Schema(description = "Whether the schedule runs (default true); on-demand runs and uploads work either way") Boolean enabled,
        @Schema(description = "HTTP status the list's entries carry: 410 (default), or 451 (default with a legalReason)",
                enumeration = {"410", "451"}) Integer status,
        @Schema(description = "Legal reason the entries carry (lower-case word, e.g. court-order); makes the status 451") String legalReason) {
}
