package io.pinfold.ipfs.cid;

/** Turns CID text and bytes into {@link Cid}s, following the CID spec's decoding rules. */
final class CidDecoder {

    private static final String SUBJECT = "not a CID";
    private static final int V0_LENGTH = 46;

    /** Multibase prefixes of the multibase table that Pinfold does not read, to name them in errors. */
    private static final String UNSUPPORTED_PREFIXES = "79hZp";
    private static final String[] UNSUPPORTED_NAMES = { "base8", "base10", "base32z", "base58flickr", "proquint" };

    private CidDecoder() {
    }

    static Cid fromText(String input) {
        String text = PastedText.trim(input);
        try {
            return decodeText(text);
        } catch (InvalidCidException e) {
            throw e.withInput(input);
        }
    }

    private static Cid decodeText(String text) {
        if (text.isEmpty()) {
            throw new InvalidCidException(SUBJECT + ": empty input");
        }
        char prefix = text.charAt(0);
        // 'Q' is no multibase prefix: text starting with it can only be a CIDv0 (base58btc "Qm...").
        if (prefix == 'Q') {
            if (text.length() != V0_LENGTH) {
                throw new InvalidCidException(SUBJECT + ": CIDv0 must be " + V0_LENGTH + " base58btc characters, got " + text.length());
            }
            byte[] bytes = MultibaseEncoding.BASE58_BTC.decode(text, 0, SUBJECT);
            if (!isV0(bytes) || bytes.length != 34) {
                throw new InvalidCidException(SUBJECT + ": CIDv0 must be a 34-byte sha2-256 multihash (Qm...)");
            }
            return Cid.v0(Multihash.read(bytes, 0, SUBJECT));
        }
        MultibaseEncoding base = MultibaseEncoding.forPrefixOrNull(prefix);
        if (base == null) {
            int unsupported = UNSUPPORTED_PREFIXES.indexOf(prefix);
            if (unsupported >= 0) {
                throw new InvalidCidException(SUBJECT + ": multibase " + UNSUPPORTED_NAMES[unsupported] + " ('" + prefix
                        + "') is not supported");
            }
            throw new InvalidCidException(SUBJECT + ": unknown multibase prefix " + Alphabet.describe(text, 0));
        }
        if (text.length() == 1) {
            throw new InvalidCidException(SUBJECT + ": no data after multibase prefix '" + prefix + "'");
        }
        return decodeBytes(base.decode(text, 1, SUBJECT));
    }

    static Cid fromBytes(byte[] bytes) {
        return decodeBytes(bytes);
    }

    /** Decodes bytes this class owns (they may end up inside the multihash). */
    private static Cid decodeBytes(byte[] bytes) {
        // A binary CIDv0 is a bare sha2-256 multihash; go-cid (so Kubo) accepts it inside a multibase too.
        if (isV0(bytes)) {
            return Cid.v0(Multihash.read(bytes, 0, SUBJECT));
        }
        long version = Varint.read(bytes, 0, SUBJECT, "CID version");
        if (version != 1) {
            throw new InvalidCidException(SUBJECT + ": unsupported CID version " + version);
        }
        int codecAt = Varint.length(version);
        long codec = Varint.read(bytes, codecAt, SUBJECT, "codec");
        int multihashAt = codecAt + Varint.length(codec);
        return Cid.v1(Codec.of(codec), Multihash.read(bytes, multihashAt, SUBJECT));
    }

    private static boolean isV0(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == Multihash.SHA2_256 && bytes[1] == 32;
    }
}
