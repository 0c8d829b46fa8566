package io.pinfold.pin.follow;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.runtime.rest.RequestRejected;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a follow list as Pinfold resolves it: an IPNS name (any key form: CIDv1 libp2p-key in base36 or
 * base32, a base58 peer id; bare or under /ipns/), a DNSLink domain (bare or under /ipns/), or a fixed /ipfs/ path.
 *
 * @param kind       how it is resolved
 * @param normalized the IPNS key as its CIDv1 libp2p-key base36 name, the domain in lower case, or the /ipfs/ path
 * @param subpath    what follows the name ("" or "/a/b"), kept on the resolved path
 */
public record FollowTarget(Kind kind, String normalized, String subpath) {
    public static final int MAX_LENGTH = 1024;
    // RFC 1035 labels, at least two of them (a single label is no public DNSLink name).
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.?");

    public enum Kind {
        IPNS, DNSLINK, IPFS;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /** The path this entry starts from: /ipns/&lt;key&gt;, /ipns/&lt;domain&gt; or /ipfs/&lt;cid&gt;, with the subpath. */
    public String path() {
        return (kind == Kind.IPFS ? "/ipfs/" : "/ipns/") + normalized + subpath;
    }

    /** @throws RequestRejected 400 naming {@code field} when the text is none of the forms */
    public static FollowTarget parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw RequestRejected.badRequest(field, "must be an IPNS name, a DNSLink domain, an /ipns/ or an /ipfs/ path");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw RequestRejected.badRequest(field, "must be at most " + MAX_LENGTH + " characters, was " + trimmed.length());
        }
        if (trimmed.startsWith("/ipfs/")) {
            String[] parts = split(trimmed.substring(6));
            try {
                Cid cid = Cid.parse(parts[0]);
                return new FollowTarget(Kind.IPFS, cid.toString(), parts[1]);
            } catch (InvalidCidException e) {
                throw RequestRejected.badRequest(field, "'" + parts[0] + "' is not a CID (" + e.getMessage() + ")");
            }
        }
        String name = trimmed.startsWith("/ipns/") ? trimmed.substring(6) : trimmed;
        String[] parts = split(name);
        return ipnsOrDomain(field, parts[0], parts[1]);
    }

    /** Where a DNSLink or IPNS record points on: /ipns/&lt;key or domain&gt;[/…] (null when it is not that). */
    public static FollowTarget ofIpnsPath(String path) {
        if (!path.startsWith("/ipns/")) {
            return null;
        }
        String[] parts = split(path.substring(6));
        return ipnsOrDomain("path", parts[0], parts[1]);
    }

    private static FollowTarget ipnsOrDomain(String field, String name, String subpath) {
        String key = ipnsKey(name);
        if (key != null) {
            return new FollowTarget(Kind.IPNS, key, subpath);
        }
        String domain = name.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (DOMAIN.matcher(domain).matches()) {
            return new FollowTarget(Kind.DNSLINK, domain, subpath);
        }
        throw RequestRejected.badRequest(field, "'" + name + "' is neither an IPNS key (k51…, bafz…, 12D3Koo…, Qm…) nor a domain name");
    }

    /** The CIDv1 libp2p-key base36 form of an IPNS key written in any form, or null when the text is no key. */
    static String ipnsKey(String name) {
        Multihash key = null;
        try {
            Cid cid = Cid.parse(name);
            if (cid.version() == 0 || Codec.LIBP2P_KEY.equals(cid.codec())) {
                key = cid.multihash(); // a "Qm…" under /ipns/ is an RSA peer id in base58
            }
        } catch (InvalidCidException notACid) {
            try {
                key = Multihash.parse(name); // "12D3KooW…": an Ed25519 peer id, an identity multihash in base58
            } catch (InvalidCidException notAMultihash) {
                return null;
            }
        }
        return key == null ? null : Cid.v1(Codec.LIBP2P_KEY, key).toString(MultibaseEncoding.BASE36);
    }

    private static String[] split(String rest) {
        int slash = rest.indexOf('/');
        String head = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        while (tail.endsWith("/")) {
            tail = tail.substring(0, tail.length() - 1);
        }
        return new String[] {head, tail};
    }
}
