package io.pinfold.denylist;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;

/** Writes targets and paths as rule text and as entry keys. */
final class RuleText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RuleText() {
    }

    static String target(Target target, PathRule path) {
        if (target instanceof Target.Content content) {
            return "/ipfs/" + contentCid(content.multihash()) + path(path);
        }
        if (target instanceof Target.IpnsKey key) {
            return "/ipns/" + ipnsName(key.multihash()) + path(path);
        }
        if (target instanceof Target.Dnslink dnslink) {
            return "/ipns/" + dnslink.domain() + path(path);
        }
        if (target instanceof Target.DoubleHash hash) {
            return "//" + hash.hash().toBase58();
        }
        return "//" + HexFormat.of().formatHex(((Target.LegacyDoubleHash) target).sha256().digest());
    }

    static String key(Target target, PathRule path) {
        if (target instanceof Target.Content content) {
            return content.multihash().toBase32() + path(path);
        }
        if (target instanceof Target.IpnsKey key) {
            return "ipns/" + key.multihash().toBase32() + path(path);
        }
        if (target instanceof Target.Dnslink dnslink) {
            return "dnslink/" + dnslink.domain() + path(path);
        }
        return target(target, path).replaceFirst("^//", "dh/");
    }

    /** CIDv0 ("Qm...", the spec's bare base58btc multihash) where possible, else a raw CIDv1 in base32. */
    static String contentCid(Multihash multihash) {
        Cid v1 = Cid.v1(Codec.DAG_PB, multihash);
        return v1.isV0Compatible() ? v1.toV0().toString() : Cid.v1(Codec.RAW, multihash).toString();
    }

    /** The IPNS name form Kubo prints: a libp2p-key CIDv1 in base36 ("k51..."). */
    static String ipnsName(Multihash multihash) {
        return Cid.v1(Codec.LIBP2P_KEY, multihash).toString(MultibaseEncoding.BASE36);
    }

    /** "/segment/segment" percent-encoded, with "*" for a prefix; "" for the root. */
    static String path(PathRule path) {
        if (path.isRoot()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (!path.path().isEmpty()) {
            for (String segment : path.path().split("/", -1)) {
                encodeSegment(segment, out.append('/'));
            }
        }
        if (path.prefix()) {
            // "/*" for a whole subtree (and the root itself), "*" right after a partial name.
            out.append(path.path().isEmpty() ? "/*" : "*");
        }
        return out.toString();
    }

    /** RFC 3986 pchar stays, the rest is escaped; '*' too, so a literal star is never read as a prefix. */
    static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    /** A hint value with blanks, '%' and controls escaped, so it stays one field of the line. */
    static String hintValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= ' ' || c == '%' || c == 0x7f) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append((char) c);
            }
        }
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
