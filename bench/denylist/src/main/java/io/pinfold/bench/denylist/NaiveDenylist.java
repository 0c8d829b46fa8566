package io.pinfold.bench.denylist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistSink;
import io.pinfold.denylist.Target;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;

/**
 * The baseline: what a developer writes first, a {@code HashMap<String, DenylistEntry>} keyed by the
 * normalised rule text, fed by the same parser and looked up with the same prepared requests. It does
 * less than {@code Denylist} (no prefix rules, no negation order, no modern double hashes), so a ratio
 * against it flatters the baseline, never the library. Not thread-safe; one benchmark thread.
 */
final class NaiveDenylist implements DenylistSink {

    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, DenylistEntry> rules = new HashMap<>();
    private final MessageDigest sha256;
    private boolean legacy;

    NaiveDenylist() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void entry(long line, DenylistEntry entry) {
        Target target = entry.target();
        String path = entry.path().path();
        String key;
        if (target instanceof Target.Content content) {
            key = withPath("ipfs/" + base32(content.multihash()), path);
        } else if (target instanceof Target.IpnsKey ipns) {
            key = withPath("ipns/" + base32(ipns.multihash()), path);
        } else if (target instanceof Target.Dnslink dnslink) {
            key = withPath("dnslink/" + dnslink.domain(), path);
        } else if (target instanceof Target.LegacyDoubleHash hash) {
            key = "dh/" + HEX.formatHex(digest(hash.sha256()));
            legacy = true;
        } else {
            throw new IllegalArgumentException("the baseline does not read " + entry.rule());
        }
        rules.put(key, entry);
    }

    int size() {
        return rules.size();
    }

    /** One block by CID, as {@code Denylist.matchBlock}. */
    DenylistEntry matchBlock(Cid cid) {
        return content(cid, "");
    }

    /** A whole gateway request from its URL path, as {@code Denylist.match(ContentRequest.parse(url))}. */
    DenylistEntry match(String urlPath) {
        ContentRequest request = ContentRequest.parse(urlPath);
        String path = request.path();
        if (request.cid() != null) {
            DenylistEntry hit = path.isEmpty() ? null : content(request.cid(), path);
            return hit != null ? hit : content(request.cid(), "");
        }
        String root = request.ipnsKey() != null ? "ipns/" + base32(request.ipnsKey()) : "dnslink/" + request.domain();
        DenylistEntry hit = path.isEmpty() ? null : rules.get(root + "/" + path);
        return hit != null ? hit : rules.get(root);
    }

    private DenylistEntry content(Cid cid, String path) {
        DenylistEntry hit = rules.get(withPath("ipfs/" + base32(cid.multihash()), path));
        if (hit != null || !legacy) {
            return hit;
        }
        // badbits anchors: sha2-256 of "<CIDv1 base32>/<path>", with the request's codec and the two a gateway serves.
        for (Codec codec : new Codec[] { cid.codec(), Codec.DAG_PB, Codec.RAW }) {
            String anchor = Cid.v1(codec, cid.multihash()) + "/" + path;
            hit = rules.get("dh/" + HEX.formatHex(sha256.digest(anchor.getBytes(StandardCharsets.US_ASCII))));
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static String withPath(String key, String path) {
        return path.isEmpty() ? key : key + "/" + path;
    }

    private static String base32(Multihash multihash) {
        return MultibaseEncoding.BASE32.encode(multihash.bytes());
    }

    private static byte[] digest(Multihash sha256) {
        byte[] bytes = sha256.bytes();
        byte[] digest = new byte[sha256.digestLength()];
        System.arraycopy(bytes, bytes.length - digest.length, digest, 0, digest.length);
        return digest;
    }
}
