package io.pinfold.ipfs.cid;

import java.util.Objects;

/**
 * A content identifier: version (0 or 1), content codec and multihash. Immutable and thread-safe.
 *
 * <p>Canonical text ({@link #toString()}): a CIDv1 is written in lower-case base32 ("bafy..."), the
 * form Kubo and gateways print; a CIDv0 keeps its only form, bare base58btc ("Qm..."). Two CIDs are
 * equal when version, codec and multihash are; whether two CIDs name the same content is a question
 * for {@link #multihash()}.
 */
public final class Cid {

    private final int version;
    private final Codec codec;
    private final Multihash multihash;
    private volatile String text;

    private Cid(int version, Codec codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
    }

    /**
     * Parses a CID in any form a person pastes or a gateway URL carries: CIDv0 "Qm...", or a CIDv1 in
     * any {@link MultibaseEncoding}. Surrounding whitespace is ignored.
     *
     * @throws InvalidCidException with a message naming the problem ("not a CID: ...")
     */
    public static Cid parse(String text) {
        return CidDecoder.fromText(text);
    }

    /** Reads a binary CID (a CIDv0 is its bare multihash). */
    public static Cid fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return CidDecoder.fromBytes(bytes.clone());
    }

    /** A CIDv0: only a 32-byte sha2-256 multihash of dag-pb content can be one. */
    public static Cid v0(Multihash multihash) {
        return new Cid(1, Codec.DAG_PB, Objects.requireNonNull(multihash, "multihash")).toV0();
    }

    public static Cid v1(Codec codec, Multihash multihash) {
        return new Cid(1, Objects.requireNonNull(codec, "codec"), Objects.requireNonNull(multihash, "multihash"));
    }

    static String whyNotV0(Codec codec, Multihash multihash) {
        if (!codec.equals(Codec.DAG_PB)) {
            return "codec is " + codec.name() + ", CIDv0 needs dag-pb";
        }
        if (multihash.functionCode() != Multihash.SHA2_256 || multihash.digestLength() != 32) {
            return "multihash is " + multihash.functionName() + " of " + multihash.digestLength()
                    + " bytes, CIDv0 needs sha2-256 of 32 bytes";
        }
        return null;
    }

    public int version() {
        return version;
    }

    public Codec codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    /** The same content as a CIDv1 (a CIDv0 becomes dag-pb v1; a v1 is returned as is). */
    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, multihash);
    }

    /** Whether {@link #toV0()} is possible: dag-pb with a 32-byte sha2-256 multihash. */
    public boolean isV0Compatible() {
        return whyNotV0(codec, multihash) == null;
    }

    /**
     * The same content as a CIDv0.
     *
     * @throws InvalidCidException when the codec is not dag-pb or the multihash not a 32-byte sha2-256
     */
    public Cid toV0() {
        if (version == 0) {
            return this;
        }
        String why = whyNotV0(codec, multihash);
        if (why != null) {
            throw new InvalidCidException("cannot write as CIDv0: " + why);
        }
        return new Cid(0, codec, multihash);
    }

    /** The binary CID: for v1, varint version, varint codec, multihash; for v0, the multihash alone. */
    public byte[] bytes() {
        if (version == 0) {
            return multihash.bytes();
        }
        byte[] bytes = new byte[1 + Varint.length(codec.code()) + multihash.length()];
        int at = Varint.write(1, bytes, 0);
        at += Varint.write(codec.code(), bytes, at);
        multihash.copyTo(bytes, at);
        return bytes;
    }

    /**
     * This CIDv1 written in another multibase, e.g. base36 for IPNS-style names.
     *
     * @throws IllegalStateException for a CIDv0, which has only its base58btc form
     */
    public String toString(MultibaseEncoding base) {
        if (version == 0) {
            if (base == MultibaseEncoding.BASE58_BTC) {
                return toString();
            }
            throw new IllegalStateException("a CIDv0 is only written in base58btc without prefix; call toV1() first");
        }
        return base == MultibaseEncoding.BASE32 ? toString() : base.encode(bytes());
    }

    /** Canonical text: base32 lower case for a CIDv1, "Qm..." base58btc for a CIDv0. */
    @Override
    public String toString() {
        String canonical = text;
        if (canonical == null) {
            canonical = version == 0 ? multihash.toBase58() : MultibaseEncoding.BASE32.encode(bytes());
            text = canonical;
        }
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Cid)) {
            return false;
        }
        Cid that = (Cid) other;
        return version == that.version && codec.equals(that.codec) && multihash.equals(that.multihash);
    }

    @Override
    public int hashCode() {
        return (31 * version + codec.hashCode()) * 31 + multihash.hashCode();
    }
}
