package io.pinfold.denylist;

import java.util.Locale;
import java.util.Objects;

import io.pinfold.ipfs.cid.Multihash;

/** What a rule names, before its path: content, an IPNS key, a DNSLink domain or a double hash. */
public sealed interface Target {

    /** Longest digest a rule may name: identity CIDs carry their data, and a rule is stored whole in memory. */
    int MAX_DIGEST = 4096;

    private static void checkLength(Multihash multihash) {
        if (multihash.digestLength() > MAX_DIGEST) {
            throw new IllegalArgumentException("multihash digest is " + multihash.digestLength() + " bytes, at most " + MAX_DIGEST + " can be blocked");
        }
    }

    /** {@code /ipfs/CID}: content by multihash, so every CID version, multibase and codec of it. */
    record Content(Multihash multihash) implements Target {
        public Content {
            Objects.requireNonNull(multihash, "multihash");
            checkLength(multihash);
        }
    }

    /** {@code /ipns/KEY}: an IPNS name given as a CID (libp2p-key) or a base58 peer ID, by its multihash. */
    record IpnsKey(Multihash multihash) implements Target {
        public IpnsKey {
            Objects.requireNonNull(multihash, "multihash");
            checkLength(multihash);
        }
    }

    /** {@code /ipns/DOMAIN}: a DNSLink name, lower case, ASCII (punycode), no trailing dot. */
    record Dnslink(String domain) implements Target {
        public Dnslink {
            Objects.requireNonNull(domain, "domain");
            if (domain.isEmpty() || !domain.equals(domain.toLowerCase(Locale.ROOT)) || domain.endsWith(".")) {
                throw new IllegalArgumentException("DNSLink domain must be normalised, got '" + domain + "'");
            }
        }
    }

    /**
     * {@code //B58-MULTIHASH}: the multihash of the text {@code <b58 multihash>[/path]} (content) or
     * {@code <b58 multihash>[/path]} / {@code /ipns/<domain>[/path]} (IPNS), so the list does not say what it blocks.
     */
    record DoubleHash(Multihash hash) implements Target {
        public DoubleHash {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * {@code //HEX}: the legacy badbits anchor, sha2-256 of {@code <CIDv1 base32>/<path>} (or
     * {@code <domain>/<path>}), kept as a sha2-256 multihash.
     */
    record LegacyDoubleHash(Multihash sha256) implements Target {
        public LegacyDoubleHash {
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
