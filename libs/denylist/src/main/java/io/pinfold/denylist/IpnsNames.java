package io.pinfold.denylist;

import java.net.IDN;
import java.util.Locale;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.Multihash;

/**
 * Reads the NAME of {@code /ipns/NAME}, in a rule or a request, into one key: a CID of any version,
 * base or codec, or a base58 peer ID ("12D3Koo...", "Qm..."), becomes the multihash it wraps; anything
 * else is a DNSLink domain, lower-cased, punycoded, without trailing dot. A name without a dot that is
 * no key is the subdomain-gateway inlined form of a domain ("my--site-example-com" for
 * "my-site.example.com"), read back as that domain, as NOpfs does.
 */
final class IpnsNames {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** Shorter digests are no public key hash or inlined key: such text is more likely a domain label. */
    private static final int MIN_KEY_DIGEST = 20;

    private IpnsNames() {
    }

    /** The parsed name: a key (multihash + codec of the CID it was given as) or a domain. */
    record Name(Multihash key, Codec codec, String domain) {
        Target target() {
            return key != null ? new Target.IpnsKey(key) : new Target.Dnslink(domain);
        }
    }

    static Name parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("IPNS name is empty");
        }
        if (text.indexOf('.') < 0) {
            try {
                Cid cid = Cid.parse(text);
                return new Name(cid.multihash(), cid.version() == 0 ? Codec.LIBP2P_KEY : cid.codec(), null);
            } catch (InvalidCidException notCid) {
                Multihash peerId = base58PeerId(text);
                if (peerId != null) {
                    return new Name(peerId, Codec.LIBP2P_KEY, null);
                }
            }
        }
        return new Name(null, null, domain(text));
    }

    private static Multihash base58PeerId(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (BASE58.indexOf(text.charAt(i)) < 0) {
                return null;
            }
        }
        try {
            Multihash multihash = Multihash.parse(text);
            return multihash.digestLength() >= MIN_KEY_DIGEST ? multihash : null;
        } catch (InvalidCidException e) {
            return null;
        }
    }

    static String domain(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.indexOf('.') < 0) {
            name = inlined(name);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IPNS name '" + text + "' is neither a key nor a valid domain name");
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException("IPNS name '" + text + "' is neither a key nor a valid domain name");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
            if (!ok || c == '.' && (i == 0 || ascii.charAt(i - 1) == '.')) {
                throw new IllegalArgumentException("IPNS name '" + text + "' is neither a key nor a valid domain name");
            }
        }
        return ascii;
    }

    /** Subdomain gateways write a domain in one label: '.' as '-', '-' as "--". */
    private static String inlined(String label) {
        if (label.indexOf('-') < 0) {
            return label;
        }
        StringBuilder out = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '-' && i + 1 < label.length() && label.charAt(i + 1) == '-') {
                out.append('-');
                i++;
            } else {
                out.append(c == '-' ? '.' : c);
            }
        }
        return out.toString();
    }
}
