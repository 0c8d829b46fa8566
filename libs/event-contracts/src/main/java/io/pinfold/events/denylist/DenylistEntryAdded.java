package io.pinfold.events.denylist;

import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.CidShape;
import io.pinfold.events.validation.FieldChecks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code io.pinfold.denylist.entry-added}: content is blocked from now on. pinfold.denylist is
 * compacted by {@link #recordKey()}; the entry is removed by a tombstone (null value) with that key.
 * Which fields are required depends on {@code kind}.
 *
 * @param kind       what the entry blocks
 * @param cid        the blocked content, any CID form; for {@code cid} and {@code path}
 * @param multihash  the multihash of {@code cid} in base32 (what the gateway matches); for {@code cid} and {@code path}
 * @param path       path inside the content, no leading '/', may end in '*'; for {@code path}
 * @param ipnsName   the blocked IPNS name or DNSLink domain; for {@code ipns}
 * @param doubleHash hex sha2-256 of the IPIP-383 double-hash input; for {@code double-hash}
 * @param status     HTTP status the gateway answers: 410 Gone, or 451 for a legal reason
 * @param reason     why, as shown to the transparency report (not to the requester)
 * @param noticeId   the takedown notice that led to the entry, when there is one
 */
public record DenylistEntryAdded(
        DenylistEntryKind kind,
        @OptionalField String cid,
        @OptionalField String multihash,
        @OptionalField String path,
        @OptionalField String ipnsName,
        @OptionalField String doubleHash,
        int status,
        @OptionalField String reason,
        @OptionalField String noticeId) implements SelfKeyedEvent {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public DenylistEntryAdded {
        FieldChecks checks = FieldChecks.start()
                .required("kind", kind)
                .cid("cid", cid)
                .multihash("multihash", multihash)
                .noWhitespace("path", path, 1024)
                .that(path == null || !path.startsWith("/"), "path", "must not start with '/'")
                .noWhitespace("ipnsName", ipnsName, 253)
                .matches("doubleHash", doubleHash, SHA256_HEX, "64 lower-case hex characters (sha2-256)")
                .oneOf("status", status, List.of(410, 451))
                .text("reason", reason, 8192)
                .identifier("noticeId", noticeId);
        if (kind != null) {
            boolean content = kind == DenylistEntryKind.CID || kind == DenylistEntryKind.PATH;
            presence(checks, kind, "cid", cid, content);
            presence(checks, kind, "multihash", multihash, content);
            presence(checks, kind, "path", path, kind == DenylistEntryKind.PATH);
            presence(checks, kind, "ipnsName", ipnsName, kind == DenylistEntryKind.IPNS);
            presence(checks, kind, "doubleHash", doubleHash, kind == DenylistEntryKind.DOUBLE_HASH);
        }
        if (cid != null && multihash != null && CidShape.problem(cid).isEmpty()
                && !CidShape.multihashBase32(cid).equals(multihash)) {
            checks.add("multihash", "is not the multihash of cid (expected '" + CidShape.multihashBase32(cid) + "')");
        }
        checks.orThrow();
    }

    private static void presence(FieldChecks checks, DenylistEntryKind kind, String field, String value,
                                 boolean wanted) {
        checks.that(!wanted || value != null, field, "required when kind is " + kind.json())
                .that(wanted || value == null, field, "not allowed when kind is " + kind.json());
    }

    /**
     * The Kafka key: the multihash for a {@code cid} entry, so blocking keys by content like every
     * content event; {@code <multihash>/<path>}, {@code ipns/<name>} or {@code dh/<hash>} otherwise,
     * so distinct entries never compact each other away.
     */
    @Override
    public String recordKey() {
        return switch (kind) {
            case CID -> multihash;
            case PATH -> multihash + "/" + path;
            case IPNS -> "ipns/" + ipnsName;
            case DOUBLE_HASH -> "dh/" + doubleHash;
        };
    }

    /** The entry as an IPIP-383 rule line, e.g. {@code /ipfs/bafy...} or {@code //d9d2...}. */
    public String rule() {
        return switch (kind) {
            case CID -> "/ipfs/" + cid;
            case PATH -> "/ipfs/" + cid + "/" + path;
            case IPNS -> "/ipns/" + ipnsName;
            case DOUBLE_HASH -> "//" + doubleHash;
        };
    }

    @Override
    public String subject() {
        return rule();
    }
}
