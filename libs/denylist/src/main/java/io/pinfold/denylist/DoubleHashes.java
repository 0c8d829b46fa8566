package io.pinfold.denylist;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/**
 * The texts the spec double-hashes, and the hidden form of a plain rule. Modern inputs:
 * {@code <b58 multihash>[/<path>]} for content and for IPNS keys, {@code /ipns/<domain>[/<path>]} for
 * DNSLink. Legacy (badbits) inputs, always sha2-256: {@code <CIDv1 base32>/<path>} (the slash kept for
 * the root) and {@code <domain>/<path>}. Paths are the normalised, decoded ones.
 */
public final class DoubleHashes {

    private DoubleHashes() {
    }

    /**
     * The double-hashed form of a plain rule, so a published list does not say what it blocks; same
     * allow flag and hints. Only rules without a prefix can be hidden: a hash names one exact text.
     */
    public static DenylistEntry hide(DenylistEntry entry, DoubleHashFunction function) {
        if (entry.path().prefix()) {
            throw new IllegalArgumentException("a prefix rule cannot be double-hashed: " + entry.rule());
        }
        String path = entry.path().path();
        String input;
        if (entry.target() instanceof Target.Content content) {
            input = modern(content.multihash(), path);
        } else if (entry.target() instanceof Target.IpnsKey key) {
            input = modern(key.multihash(), path);
        } else if (entry.target() instanceof Target.Dnslink dnslink) {
            input = modernDnslink(dnslink.domain(), path);
        } else {
            throw new IllegalArgumentException("the rule is double-hashed already: " + entry.rule());
        }
        return new DenylistEntry(entry.allow(), new Target.DoubleHash(function.hash(input)), PathRule.ROOT, entry.hints());
    }

    /** The legacy (badbits) form of a content rule: sha2-256 of {@code <CIDv1 base32>/<path>}, for one codec. */
    public static DenylistEntry hideLegacy(DenylistEntry entry, Codec codec) {
        if (!(entry.target() instanceof Target.Content content) || entry.path().prefix()) {
            throw new IllegalArgumentException("only exact content rules have a legacy double hash: " + entry.rule());
        }
        Multihash sha256 = DoubleHashFunction.SHA2_256.hash(legacy(Cid.v1(codec, content.multihash()), entry.path().path()));
        return new DenylistEntry(entry.allow(), new Target.LegacyDoubleHash(sha256), PathRule.ROOT, entry.hints());
    }

    static String modern(Multihash multihash, String path) {
        String b58 = multihash.toBase58();
        return path.isEmpty() ? b58 : b58 + "/" + path;
    }

    static String modernDnslink(String domain, String path) {
        return path.isEmpty() ? "/ipns/" + domain : "/ipns/" + domain + "/" + path;
    }

    static String legacy(Cid v1, String path) {
        return v1 + "/" + path;
    }

    static String legacyDnslink(String domain, String path) {
        return domain + "/" + path;
    }
}
