package io.pinfold.pin.admission;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.IpfsPath;
import java.util.List;
import java.util.Optional;

/**
 * The content a tenant accepts: the DAG size caps (checked while pinning, see {@link DagSizeCap}) and the rules on the
 * root CID checked when a pin is requested: its codec, its hash function, and an allow-list of CID prefixes or
 * {@code /ipfs/<cid>} paths. Any part null: no rule of that kind.
 */
public record ContentRules(Long maxDagBytes, Long maxDagBlocks, List<String> allowedCodecs, List<String> allowedHashFunctions,
                           List<String> allowedPrefixes) {
    public static final ContentRules NONE = new ContentRules(null, null, null, null, null);

    /** A refusal: the rule's name (as the admin API spells the field) and what broke it. */
    public record Refusal(String rule, String problem) {
        /** "admission rule allowedCodecs: …", the words pins and dead letters carry. */
        public String describe() {
            return AdmissionRefused.PREFIX + rule + ": " + problem;
        }
    }

    /** Why the root {@code cid} (as the requester wrote it) is refused, or empty when these rules accept it. */
    public Optional<Refusal> checkRoot(String cidText) {
        Cid cid = Cid.parse(cidText);
        if (allowedCodecs != null && !allowedCodecs.contains(cid.codec().name())) {
            return Optional.of(new Refusal("allowedCodecs", "the root's codec " + cid.codec().name() + " is not one of " + allowedCodecs));
        }
        String hash = cid.multihash().functionName();
        if (allowedHashFunctions != null && !allowedHashFunctions.contains(hash)) {
            return Optional.of(new Refusal("allowedHashFunctions", "the root's hash function " + hash + " is not one of " + allowedHashFunctions));
        }
        if (allowedPrefixes != null && allowedPrefixes.stream().noneMatch(allowed -> matches(allowed, cidText, cid))) {
            return Optional.of(new Refusal("allowedPrefixes", "cid " + cidText + " matches none of " + allowedPrefixes));
        }
        return Optional.empty();
    }

    /** An /ipfs/ path matches its root's content (any CID form); any other entry is a prefix of the CID as written or in CIDv1 base32. */
    private static boolean matches(String allowed, String cidText, Cid cid) {
        if (allowed.startsWith("/ipfs/")) {
            return IpfsPath.parse(allowed).root().multihash().equals(cid.multihash());
        }
        return cidText.startsWith(allowed) || cid.toV1().toString().startsWith(allowed);
    }

    public DagSizeCap sizeCap() {
        return new DagSizeCap(maxDagBytes, maxDagBlocks);
    }
}
