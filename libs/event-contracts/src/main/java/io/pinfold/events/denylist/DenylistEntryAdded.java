package io.pinfold.events.denylist;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.denylist.Hints;
import io.pinfold.denylist.Target;
import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.CidShape;
import io.pinfold.events.validation.FieldChecks;
import io.pinfold.ipfs.cid.Cid;
import java.util.List;

/**
 * {@code io.pinfold.denylist.entry-added}: content is blocked from now on. pinfold.denylist is compacted by
 * {@link #recordKey()}, the entry key of the IPIP-383 library ({@link DenylistEntry#key()}): one definition,
 * so the topic, the {@code .deny} feed and every matcher agree on what "the same entry" is. The entry is
 * removed by a tombstone (null value) with that key.
 *
 * <p>{@code rule} is what a consumer applies ({@link #entry()} hands it to {@code Denylist.add} with its hints);
 * the other fields spell the rule out for consumers that do not match (pin-service needs only the multihash)
 * and must agree with it.
 *
 * @param kind        what the entry blocks
 * @param rule        the IPIP-383 rule without hints, as the library writes it: {@code /ipfs/<cid>[/<path>[*]]},
 *                    {@code /ipns/<key or domain>[/<path>[*]]} or {@code //<hash>}
 * @param cid         the content as the notice named it (any CID form); for {@code cid} and {@code path}, optional
 * @param multihash   the multihash of the content in base32 (what matchers key on); for {@code cid} and {@code path}
 * @param path        the decoded, normalised path below the CID or name, no leading '/', ending in '*' for a
 *                    prefix; required for {@code path}, optional for {@code ipns} and {@code dnslink}
 * @param ipnsName    the IPNS key (as the rule writes it, {@code k51...}) or DNSLink domain; for {@code ipns}, {@code dnslink}
 * @param doubleHash  the hash after {@code //}: a base58 multihash (modern) or 64 hex digits (legacy); for {@code double-hash}
 * @param status      HTTP status the gateway answers: 410 Gone, or 451 Unavailable For Legal Reasons
 * @param legalReason the legal basis (e.g. {@code dmca}, {@code court-order}); present exactly when status is 451
 * @param reason      why, as shown to the transparency report (not to the requester)
 * @param noticeId    the takedown notice that led to the entry, when there is one; {@code import:<source>} for an
 *                    entry of an imported outside list (takedown-service imports)
 */
public record DenylistEntryAdded(
        DenylistEntryKind kind,
        String rule,
        @OptionalField String cid,
        @OptionalField String multihash,
        @OptionalField String path,
        @OptionalField String ipnsName,
        @OptionalField String doubleHash,
        int status,
        @OptionalField String legalReason,
        @OptionalField String reason,
        @OptionalField String noticeId) implements SelfKeyedEvent {

    public DenylistEntryAdded {
        FieldChecks checks = FieldChecks.start()
                .required("kind", kind)
                .required("rule", rule).noWhitespace("rule", rule, 9000)
                .cid("cid", cid)
                .multihash("multihash", multihash)
                .text("path", path, 8192)
                .that(path == null || !path.startsWith("/"), "path", "must not start with '/'")
                .noWhitespace("ipnsName", ipnsName, 253)
                .noWhitespace("doubleHash", doubleHash, 200)
                .oneOf("status", status, List.of(410, 451))
                .noWhitespace("legalReason", legalReason, 100)
                .that(legalReason == null || status == 451, "legalReason", "only with status 451")
                .text("reason", reason, 8192)
                .identifier("noticeId", noticeId);
        DenylistEntry entry = null;
        if (rule != null && !rule.isBlank()) {
            try {
                entry = DenylistParser.rule(rule);
                if (entry.allow() || rule.strip().contains(" ")) {
                    checks.add("rule", "must be one blocking rule without hints");
                    entry = null;
                }
            } catch (IllegalArgumentException e) {
                checks.add("rule", "not an IPIP-383 rule: " + e.getMessage());
            }
        }
        if (kind != null) {
            boolean content = kind == DenylistEntryKind.CID || kind == DenylistEntryKind.PATH;
            boolean named = kind == DenylistEntryKind.IPNS || kind == DenylistEntryKind.DNSLINK;
            presence(checks, kind, "cid", cid, content, false);
            presence(checks, kind, "multihash", multihash, content, true);
            checks.that(kind != DenylistEntryKind.PATH || path != null, "path", "required when kind is path")
                    .that(kind == DenylistEntryKind.PATH || named || path == null, "path", "not allowed when kind is " + kind.json());
            presence(checks, kind, "ipnsName", ipnsName, named, true);
            presence(checks, kind, "doubleHash", doubleHash, kind == DenylistEntryKind.DOUBLE_HASH, true);
            if (entry != null) {
                agree(checks, kind, entry, multihash, path, ipnsName, doubleHash);
            }
        }
        if (cid != null && multihash != null && CidShape.problem(cid).isEmpty()
                && !CidShape.multihashBase32(cid).equals(multihash)) {
            checks.add("multihash", "is not the multihash of cid (expected '" + CidShape.multihashBase32(cid) + "')");
        }
        checks.orThrow();
    }

    private static void presence(FieldChecks checks, DenylistEntryKind kind, String field, String value,
                                 boolean allowed, boolean required) {
        checks.that(!(allowed && required) || value != null, field, "required when kind is " + kind.json())
                .that(allowed || value == null, field, "not allowed when kind is " + kind.json());
    }

    /** The spelled-out fields must say what the rule says, or consumers that read only them would differ. */
    private static void agree(FieldChecks checks, DenylistEntryKind kind, DenylistEntry entry, String multihash,
                              String path, String ipnsName, String doubleHash) {
        DenylistEntryKind ruleKind = DenylistEntryKind.of(entry.target(), entry.path().isRoot());
        boolean namedKinds = (kind == DenylistEntryKind.IPNS || kind == DenylistEntryKind.DNSLINK) && ruleKind == kind;
        if (ruleKind != kind && !namedKinds) {
            checks.add("kind", "the rule is a " + ruleKind.json() + " rule, not " + kind.json());
            return;
        }
        if (entry.target() instanceof Target.Content content && multihash != null
                && !content.multihash().toBase32().equals(multihash)) {
            checks.add("multihash", "is not the multihash the rule names ('" + content.multihash().toBase32() + "')");
        }
        String rulePath = pathText(entry);
        if (!rulePath.isEmpty() || path != null) {
            checks.that(rulePath.equals(path == null ? "" : path), "path",
                    "is not the path the rule names ('" + rulePath + "')");
        }
        if (ipnsName != null) {
            String ruleName = entry.rule().substring("/ipns/".length()).split("/", 2)[0];
            checks.that(ruleName.equals(ipnsName), "ipnsName", "is not the name the rule names ('" + ruleName + "')");
        }
        if (doubleHash != null) {
            checks.that(entry.rule().equals("//" + doubleHash), "doubleHash", "is not the hash the rule names");
        }
    }

    /**
     * The event of an entry: its rule, spelled out for consumers that do not match. Status and legal reason come
     * from the entry's hints; {@code cid} is the CID the notice named, for content entries (null when unknown or
     * the entry is double-hashed).
     */
    public static DenylistEntryAdded of(DenylistEntry entry, Cid cid, String reason, String noticeId) {
        DenylistEntryKind kind = DenylistEntryKind.of(entry.target(), entry.path().isRoot());
        String rule = entry.rule();
        boolean content = entry.target() instanceof Target.Content;
        boolean named = kind == DenylistEntryKind.IPNS || kind == DenylistEntryKind.DNSLINK;
        String path = pathText(entry);
        return new DenylistEntryAdded(
                kind,
                rule,
                content && cid != null ? cid.toString() : null,
                content ? ((Target.Content) entry.target()).multihash().toBase32() : null,
                (content || named) && !path.isEmpty() ? path : null,
                named ? rule.substring("/ipns/".length()).split("/", 2)[0] : null,
                kind == DenylistEntryKind.DOUBLE_HASH ? rule.substring(2) : null,
                entry.status(),
                entry.hints().legalReason().orElse(null),
                reason,
                noticeId);
    }

    /** The event of one IPIP-383 blocking rule (no hints) with the given status, legal reason (451 only) and notice. */
    public static DenylistEntryAdded of(String rule, int status, String legalReason, String reason, String noticeId) {
        DenylistEntry parsed = DenylistParser.rule(rule);
        return of(DenylistEntry.block(parsed.target(), parsed.path(), Hints.of(noticeId, legalReason, status)), null, reason, noticeId);
    }

    /** The rule's path as this event spells it: decoded, no leading '/', '*' at the end of a prefix. */
    public static String pathText(DenylistEntry entry) {
        if (entry.path().isRoot()) {
            return "";
        }
        return entry.path().path() + (entry.path().prefix() ? "*" : "");
    }

    /** The entry as the IPIP-383 library holds it, with its hints (notice, legal reason, status): what matchers add. */
    public DenylistEntry entry() {
        DenylistEntry parsed = DenylistParser.rule(rule);
        return DenylistEntry.block(parsed.target(), parsed.path(), Hints.of(noticeId, legalReason, status));
    }

    /** The Kafka key: {@link DenylistEntry#key()} of the rule, e.g. {@code <base32 multihash>/a/b*}, {@code dnslink/example.org}. */
    @Override
    public String recordKey() {
        return DenylistParser.rule(rule).key();
    }

    @Override
    public String subject() {
        return rule;
    }
}
