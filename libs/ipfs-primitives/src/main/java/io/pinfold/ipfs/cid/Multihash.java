package io.pinfold.ipfs.cid;

import java.util.Arrays;
import java.util.Objects;

import com.apicatalog.base.Base32;
import com.apicatalog.base.Base58;

/**
 * A self-describing hash: function code, digest length, digest. Its {@link #toBase32()} is the
 * identity of content across Pinfold (Kafka keys, denylist matching): CIDs that differ only in
 * version, multibase or codec have equal multihashes.
 */
public final class Multihash {

    static final long IDENTITY = 0x00;
    static final long SHA2_256 = 0x12;

    private static final String SUBJECT = "not a multihash";
    /** The canonical key is read strictly: lower case only, exactly as {@link #toBase32()} writes it. */
    private static final Alphabet CANONICAL_BASE32 = Alphabet.rfc4648("base32", "abcdefghijklmnopqrstuvwxyz234567", false, 5, false);

    /** The whole multihash; owned by this object and never handed out. */
    private final byte[] bytes;
    private final long functionCode;
    private final int digestOffset;
    private final int hash;
    private volatile String base32;

    private Multihash(byte[] bytes, long functionCode, int digestOffset) {
        this.bytes = bytes;
        this.functionCode = functionCode;
        this.digestOffset = digestOffset;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Builds a multihash from a function code (e.g. 0x12 for sha2-256) and a digest of any length. */
    public static Multihash of(long functionCode, byte[] digest) {
        if (functionCode < 0) {
            throw new IllegalArgumentException("multihash function code must be >= 0, got " + functionCode);
        }
        Objects.requireNonNull(digest, "digest");
        int header = Varint.length(functionCode) + Varint.length(digest.length);
        byte[] bytes = new byte[header + digest.length];
        int at = Varint.write(functionCode, bytes, 0);
        Varint.write(digest.length, bytes, at);
        System.arraycopy(digest, 0, bytes, header, digest.length);
        return new Multihash(bytes, functionCode, header);
    }

    /** Reads a binary multihash; the bytes must hold exactly one, with nothing after the digest. */
    public static Multihash fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return read(bytes.clone(), 0, SUBJECT);
    }

    /**
     * Parses a multihash written as text: bare base58btc (the "Qm..." form IPIP-383 denylists use)
     * or any supported multibase. A string starting with a multibase prefix is read as multibase
     * first, and as bare base58btc only if that does not give a valid multihash.
     */
    public static Multihash parse(String text) {
        String trimmed = PastedText.trim(text);
        if (trimmed.isEmpty()) {
            throw new InvalidCidException(SUBJECT + ": empty input", text);
        }
        try {
            MultibaseEncoding base = MultibaseEncoding.forPrefixOrNull(trimmed.charAt(0));
            if (base != null && trimmed.length() > 1) {
                try {
                    return read(base.decode(trimmed, 1, SUBJECT), 0, SUBJECT);
                } catch (InvalidCidException asMultibase) {
                    try {
                        return fromBase58(trimmed);
                    } catch (InvalidCidException asBase58) {
                        throw asMultibase;
                    }
                }
            }
            return fromBase58(trimmed);
        } catch (InvalidCidException e) {
            throw e.withInput(text);
        }
    }

    private static Multihash fromBase58(String text) {
        return read(MultibaseEncoding.BASE58_BTC.decode(text, 0, SUBJECT), 0, SUBJECT);
    }

    /** Reads back the canonical {@link #toBase32()} form: lower-case RFC 4648 base32, no padding, no prefix. */
    public static Multihash fromBase32(String text) {
        String trimmed = PastedText.trim(text);
        if (trimmed.isEmpty()) {
            throw new InvalidCidException(SUBJECT + ": empty input", text);
        }
        try {
            CANONICAL_BASE32.check(trimmed, 0, SUBJECT);
            return read(Base32.decode(trimmed, Base32::charToCode, false), 0, SUBJECT);
        } catch (InvalidCidException e) {
            throw e.withInput(text);
        }
    }

    /**
     * Reads the multihash that fills {@code bytes} from {@code offset} to the end, validating the
     * declared digest length. Takes ownership of {@code bytes} when {@code offset} is 0.
     */
    static Multihash read(byte[] bytes, int offset, String subject) {
        long code = Varint.read(bytes, offset, subject, "multihash function code");
        int lengthAt = offset + Varint.length(code);
        long declared = Varint.read(bytes, lengthAt, subject, "multihash digest length");
        int digestAt = lengthAt + Varint.length(declared);
        int actual = bytes.length - digestAt;
        if (actual < declared) {
            throw new InvalidCidException(subject + ": multihash digest is " + actual + " bytes but declares " + declared);
        }
        if (actual > declared) {
            long trailing = actual - declared;
            throw new InvalidCidException(subject + ": " + trailing + (trailing == 1 ? " trailing byte" : " trailing bytes")
                    + " after the " + declared + "-byte multihash digest");
        }
        byte[] own = offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length);
        return new Multihash(own, code, digestAt - offset);
    }

    public long functionCode() {
        return functionCode;
    }

    /** The hash function's multicodec name ("sha2-256"), or its code in hex when the table has none. */
    public String functionName() {
        String name = MulticodecTable.hashName(functionCode);
        return name != null ? name : MulticodecTable.hex(functionCode);
    }

    public boolean isIdentity() {
        return functionCode == IDENTITY;
    }

    public int digestLength() {
        return bytes.length - digestOffset;
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return Arrays.copyOfRange(bytes, digestOffset, bytes.length);
    }

    /** A copy of the whole binary multihash. */
    public byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    /** Lower-case, unpadded RFC 4648 base32 of the multihash bytes, without multibase prefix: Pinfold's content key. */
    public String toBase32() {
        String text = base32;
        if (text == null) {
            text = Base32Writer.encode(bytes, Base32Writer.LOWER, false);
            base32 = text;
        }
        return text;
    }

    /** Bare base58btc of the multihash bytes ("Qm..." for sha2-256), as IPIP-383 denylists write it. */
    public String toBase58() {
        return Base58.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Multihash && ((Multihash) other).hash == hash && Arrays.equals(((Multihash) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Same as {@link #toBase32()}. */
    @Override
    public String toString() {
        return toBase32();
    }
}
