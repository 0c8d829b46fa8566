package io.pinfold.takedown.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One target as pasted and as read. */
@Schema(name = "NoticeTarget")
public record TargetView(
        int position,
        @Schema(description = "As the complainant gave it") String input,
        TargetKind kind,
        @Schema(description = "The IPIP-383 rule it blocks", example = "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/films*") String rule,
        @Schema(description = "The denylist entry key (pinfold.denylist record key)") String entryKey,
        @Schema(description = "Null until decided; true for the targets an acceptance blocked") Boolean accepted) {
    static TargetView of(NoticeTargetRow row) {
        return new TargetView(row.position, row.input, TargetKind.fromCode(row.kind), row.rule, row.entryKey, row.accepted);
    }
}
