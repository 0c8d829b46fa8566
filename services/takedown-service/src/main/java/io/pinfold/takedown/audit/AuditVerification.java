package io.pinfold.takedown.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a walk along the chain: unbroken up to {@code head}, or broken at {@code brokenAt} and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditVerification")
public record AuditVerification(
        @Schema(description = "True when every record's prev_hash and hash check out and seqs run 1..N without gaps") boolean verified,
        @Schema(description = "Records checked; when broken, those checked up to and including the broken one") long records,
        @Schema(description = "When verified: hex SHA-256 of the last record (64 zeros for an empty trail); publish it to pin the chain")
        String head,
        @Schema(description = "When not verified: seq of the first record that does not check out") Long brokenAt,
        @Schema(description = "When not verified: what is wrong there",
                example = "hash mismatch") String problem) {

    static AuditVerification verified(long records, byte[] head) {
        return new AuditVerification(true, records, AuditHash.hex(head), null, null);
    }

    static AuditVerification broken(long records, long brokenAt, String problem) {
        return new AuditVerification(false, records, null, brokenAt, problem);
    }
}
