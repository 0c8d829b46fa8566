package io.pinfold.takedown.imports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A line of an imported list that was not taken: its number (from 1, header lines included), why, and the line (cut to 200 characters). */
@Schema(name = "ImportBadLine")
public record BadLine(
        @Schema(example = "17") long line,
        @Schema(example = "a rule starts with /ipfs/, /ipns/ or // (path-only rules are not supported)") String reason,
        @Schema(example = "ipfs/bafy...") String text) {
}
