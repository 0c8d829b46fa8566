package io.pinfold.denylist;

import java.util.Objects;

/**
 * One rule of a denylist: what it names ({@link Target}), which paths below it ({@link PathRule}),
 * whether it blocks or allows ({@code !} in the list), and its hints (notice, legal reason, status).
 *
 * @param allow  a negated rule: it lifts an earlier block (removal) or makes an exception to a wider one
 * @param target the content, IPNS key, DNSLink domain or double hash
 * @param path   which paths below the target; always {@link PathRule#ROOT} for double hashes
 * @param hints  the rule's hints, with the list header's hints already laid under them by the parser
 */
public record DenylistEntry(boolean allow, Target target, PathRule path, Hints hints) {

    public DenylistEntry {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hints, "hints");
        if ((target instanceof Target.DoubleHash || target instanceof Target.LegacyDoubleHash) && !path.isRoot()) {
            throw new IllegalArgumentException("a double-hashed rule has no path: the path is inside the hash");
        }
    }

    /** A blocking rule. */
    public static DenylistEntry block(Target target, PathRule path, Hints hints) {
        return new DenylistEntry(false, target, path, hints);
    }

    /** The negated rule that lifts this one, as an append-only list writes a removal. */
    public DenylistEntry negated() {
        return new DenylistEntry(!allow, target, path, hints);
    }

    /** The HTTP status a gateway answers when this rule blocks: 410, or 451 with a legal reason. */
    public int status() {
        return hints.status();
    }

    /** The rule as it is written in a list, without hints, e.g. {@code /ipfs/Qm.../a%20b*} or {@code !//Qm...}. */
    public String rule() {
        return (allow ? "!" : "") + RuleText.target(target, path);
    }

    /**
     * A stable key naming what this rule is about, whether it blocks or allows: content
     * {@code <base32 multihash>[/<path>[*]]}, {@code ipns/<base32 multihash>[/...]},
     * {@code dnslink/<domain>[/...]}, {@code dh/<base58 multihash>}, {@code dh/<hex>} (legacy).
     * A rule and its negation share it, so a compacted topic keeps only the latest of the two.
     */
    public String key() {
        return RuleText.key(target, path);
    }
}
