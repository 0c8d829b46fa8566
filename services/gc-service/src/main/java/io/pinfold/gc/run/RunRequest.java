package io.pinfold.gc.run;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "GcRunRequest", description = "A manual run; absent fields take the node's policy (or full, not dry-run)")
public record RunRequest(
        @Schema(enumeration = {"full", "targeted"}, description = "targeted is refused until it is implemented") String mode,
        Boolean dryRun) {
}
