package io.pinfold.denylist;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.Multihash;

/**
 * What a gateway is asked for, normalised so that no spelling gets around a rule: a root (a CID, an
 * IPNS key or a DNSLink domain), the path below it, and the CIDs met along the way once known (e.g.
 * Kubo's X-Ipfs-Roots). Normalising here: any CID version, multibase (either letter case where the
 * base allows it) and codec → the multihash; IPNS names as CIDs (base36, base32) or base58 peer IDs
 * → the same key; domains lower-cased, punycoded, trailing dot dropped, subdomain-inlined form read
 * back; the path percent-decoded once, doubled and trailing slashes and dot segments removed.
 * Immutable.
 */
public final class ContentRequest {

    private final Cid cid;
    private final IpnsNames.Name name;
    private final String path;
    private final List<Cid> along;

    private ContentRequest(Cid cid, IpnsNames.Name name, String path, List<Cid> along) {
        this.cid = cid;
        this.name = name;
        this.path = path;
        this.along = along;
    }

    /**
     * {@code /ipfs/<cid>/<path>} as the gateway received it: the CID text (from the path or a subdomain)
     * and the raw, still percent-encoded path after it ("" or "/..."; a query must be cut off before).
     *
     * @throws InvalidContentRequestException naming what is wrong; the gateway answers 400
     */
    public static ContentRequest ipfs(String cidText, String rawPath) {
        Cid root;
        try {
            root = Cid.parse(decode(cidText, "CID"));
        } catch (InvalidCidException e) {
            throw new InvalidContentRequestException(e.getMessage());
        }
        return new ContentRequest(root, null, path(rawPath), List.of());
    }

    /** {@code /ipns/<name>/<path>}: an IPNS key in any form or a DNSLink domain (also a Host header's name). */
    public static ContentRequest ipns(String nameText, String rawPath) {
        IpnsNames.Name name;
        try {
            name = IpnsNames.parse(decode(nameText, "IPNS name"));
        } catch (IllegalArgumentException e) {
            throw new InvalidContentRequestException("not an IPNS name: " + e.getMessage());
        }
        return new ContentRequest(null, name, path(rawPath), List.of());
    }

    /** A URL path {@code /ipfs/...} or {@code /ipns/...}; a query or fragment is ignored. */
    public static ContentRequest parse(String urlPath) {
        Objects.requireNonNull(urlPath, "urlPath");
        int end = urlPath.length();
        int query = urlPath.indexOf('?');
        int fragment = urlPath.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        String text = urlPath.substring(0, end);
        boolean ipfs = text.startsWith("/ipfs/");
        if (!ipfs && !text.startsWith("/ipns/")) {
            throw new InvalidContentRequestException("not a content path: expected /ipfs/<cid> or /ipns/<name>");
        }
        int from = 6;
        while (from < text.length() && text.charAt(from) == '/') {
            from++;
        }
        int slash = text.indexOf('/', from);
        String root = slash < 0 ? text.substring(from) : text.substring(from, slash);
        String rest = slash < 0 ? "" : text.substring(slash);
        if (root.isEmpty()) {
            throw new InvalidContentRequestException("not a content path: missing the " + (ipfs ? "CID" : "name") + " after " + text.substring(0, 6));
        }
        return ipfs ? ipfs(root, rest) : ipns(root, rest);
    }

    /** This request with more CIDs met on the way: those along the path and the one it resolved to. */
    public ContentRequest withAlong(List<Cid> cids) {
        List<Cid> all = new ArrayList<>(along);
        all.addAll(cids);
        return new ContentRequest(cid, name, path, List.copyOf(all));
    }

    private static String decode(String text, String what) {
        try {
            return PathText.percentDecode(Objects.requireNonNull(text, what).strip(), what);
        } catch (IllegalArgumentException e) {
            throw new InvalidContentRequestException("not a content path: " + e.getMessage());
        }
    }

    private static String path(String raw) {
        try {
            return PathText.normalize(raw == null ? "" : raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidContentRequestException("not a content path: " + e.getMessage());
        }
    }

    /** The root CID of an /ipfs request, else null. */
    public Cid cid() {
        return cid;
    }

    /** The IPNS key of an /ipns request named by a key, else null. */
    public Multihash ipnsKey() {
        return name == null ? null : name.key();
    }

    /** The codec the IPNS key was written with (libp2p-key for a peer ID), else null. */
    Codec ipnsCodec() {
        return name == null ? null : name.codec();
    }

    /** The DNSLink domain of an /ipns request named by a domain, else null. */
    public String domain() {
        return name == null ? null : name.domain();
    }

    /** The normalised, decoded path below the root: "" for the root, "a/b" below it. */
    public String path() {
        return path;
    }

    public List<Cid> along() {
        return along;
    }

    @Override
    public String toString() {
        String root = cid != null ? "/ipfs/" + cid : name.key() != null ? "/ipns/" + RuleText.ipnsName(name.key()) : "/ipns/" + name.domain();
        return path.isEmpty() ? root : root + "/" + path;
    }
}
