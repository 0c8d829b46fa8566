package io.pinfold.takedown.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit record as the API shows it: the stored fields, hashes in hex, details in canonical JSON. */
@Schema(name = "AuditRecord")
public record AuditRecordView(
        @Schema(description = "Position in the chain, 1..N without gaps") long seq,
        @Schema(description = "When, in UTC with microseconds: exactly the text that is hashed", example = "2026-12-02T10:23:13.123456Z") String recordedAt,
        @Schema(description = "Who: token id and role, or \"public\"") String actor,
        @Schema(description = "What kind of action", example = "notice.received") String action,
        @Schema(description = "What it was done to: a notice id, a denylist entry key") String subject,
        @Schema(description = "Why") String reason,
        @Schema(type = SchemaType.OBJECT, description = "The action's fields") @JsonRawValue String details,
        @Schema(description = "Hex SHA-256 of the record before (64 zeros for seq 1)") String prevHash,
        @Schema(description = "Hex SHA-256 of this record, over the layout in the README") String hash) {

    static AuditRecordView of(AuditRecord record) {
        return new AuditRecordView(record.seq, AuditHash.RECORDED_AT.format(record.recordedAt.toInstant()), record.actor,
                record.action, record.subject, record.reason, CanonicalJson.ofStored(record.details),
                AuditHash.hex(record.prevHash), AuditHash.hex(record.hash));
    }
}
