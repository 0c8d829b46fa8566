package io.pinfold.denylist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.pinfold.ipfs.cid.Multihash;

/**
 * The hash functions a modern double-hashed rule may use: those the JDK has. blake3 (which the
 * spec's example uses) is not among them, so a blake3 rule is reported as an unsupported line.
 */
public enum DoubleHashFunction {

    SHA2_256(0x12, "SHA-256", 32),
    SHA2_512(0x13, "SHA-512", 64),
    SHA3_512(0x14, "SHA3-512", 64),
    SHA3_384(0x15, "SHA3-384", 48),
    SHA3_256(0x16, "SHA3-256", 32),
    SHA3_224(0x17, "SHA3-224", 28),
    SHA2_384(0x20, "SHA-384", 48);

    private final long code;
    private final String algorithm;
    private final int length;
    private final ThreadLocal<MessageDigest> digests;

    DoubleHashFunction(long code, String algorithm, int length) {
        this.code = code;
        this.algorithm = algorithm;
        this.length = length;
        this.digests = ThreadLocal.withInitial(this::newDigest);
    }

    /** The multihash function code (multicodec table). */
    public long code() {
        return code;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    /** The function for a multihash code, or null. */
    public static DoubleHashFunction forCode(long code) {
        for (DoubleHashFunction function : values()) {
            if (function.code == code) {
                return function;
            }
        }
        return null;
    }

    /** The multihash of the UTF-8 bytes of {@code text}. */
    public Multihash hash(String text) {
        return Multihash.of(code, digest(text));
    }

    byte[] digest(String text) {
        MessageDigest digest = digests.get();
        digest.reset();
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
