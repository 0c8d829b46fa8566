package io.pinfold.takedown.denylist;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One notice's hold on a denylist entry, as reviewers list them. */
@Schema(name = "DenylistEntry")
public record EntryView(
        @Schema(description = "The entry key (pinfold.denylist record key)", example = "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry") String key,
        @Schema(description = "The IPIP-383 rule as published", example = "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp") String rule,
        @Schema(enumeration = {"cid", "path", "ipns", "dnslink", "double-hash"}) String kind,
        UUID noticeId,
        String legalBasis,
        @Schema(enumeration = {"410", "451"}) int status,
        boolean doubleHashed,
        OffsetDateTime createdAt,
        String createdBy) {
    static EntryView of(DenylistEntryRow row) {
        return new EntryView(row.entryKey, row.rule, row.kind, row.noticeId, row.legalBasis, row.status, row.doubleHashed,
                row.createdAt, row.createdBy);
    }
}
