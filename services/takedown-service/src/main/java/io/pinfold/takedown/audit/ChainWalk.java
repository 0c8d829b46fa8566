package io.pinfold.takedown.audit;

import java.util.Arrays;
import java.util.Optional;

/** The state of one walk along the chain in seq order: checks each record against the one before it. */
final class ChainWalk {
    private long expectedSeq = 1;
    private byte[] prevHash = AuditHash.GENESIS;
    private long checked;

    long lastSeq() {
        return expectedSeq - 1;
    }

    /** Empty while the chain holds; the verdict at the first record that breaks it. */
    Optional<AuditVerification> check(AuditRecord record) {
        checked++;
        if (record.seq != expectedSeq) {
            return broken(record.seq, "gap before seq " + record.seq);
        }
        if (!Arrays.equals(record.prevHash, prevHash)) {
            return broken(record.seq, "prev_hash does not match seq " + (record.seq - 1));
        }
        byte[] recomputed;
        try {
            recomputed = record.recomputeHash();
        } catch (IllegalArgumentException storedValueOutsideTheHashedSubset) {
            return broken(record.seq, "hash mismatch");
        }
        if (!Arrays.equals(recomputed, record.hash)) {
            return broken(record.seq, "hash mismatch");
        }
        expectedSeq++;
        prevHash = record.hash;
        return Optional.empty();
    }

    AuditVerification verified() {
        return AuditVerification.verified(checked, prevHash);
    }

    private Optional<AuditVerification> broken(long seq, String problem) {
        return Optional.of(AuditVerification.broken(checked, seq, problem));
    }
}
