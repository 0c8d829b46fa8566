package io.pinfold.denylist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.pinfold.ipfs.cid.Codec;

/**
 * The key of a legacy (badbits) double-hashed rule for a content root, made without allocating: the sha2-256
 * multihash of {@code <CIDv1 base32>/<path>}, the same bytes {@link DoubleHashes#legacy} and
 * {@link DoubleHashFunction#hash} give, written into per-thread buffers. A block check makes two or three of these
 * (one per codec), so the Strings, CID objects and digest copies the general path makes were most of its cost.
 * The returned key is the thread's buffer: use it before the next call on the same thread.
 */
final class LegacyAnchor {

    private static final byte[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final ThreadLocal<LegacyAnchor> PER_THREAD = ThreadLocal.withInitial(LegacyAnchor::new);

    private final MessageDigest sha256;
    /** sha2-256 multihash: code 0x12, length 32, digest. */
    private final byte[] key = new byte[34];
    private byte[] cid = new byte[64];
    private byte[] text = new byte[256];

    private LegacyAnchor() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        key[0] = 0x12;
        key[1] = 32;
    }

    static LegacyAnchor get() {
        return PER_THREAD.get();
    }

    /** The rule key for {@code multihash} (its bytes) read as {@code codec}, at {@code path} (normalised, UTF-8; empty for the root). */
    byte[] key(Codec codec, byte[] multihash, byte[] path) {
        int cidLength = cidV1(codec.code(), multihash);
        int textLength = 1 + (cidLength * 8 + 4) / 5 + 1 + path.length;
        if (text.length < textLength) {
            text = new byte[Math.max(textLength, text.length * 2)];
        }
        text[0] = 'b';
        int at = base32(cid, cidLength, text, 1);
        text[at++] = '/';
        System.arraycopy(path, 0, text, at, path.length);
        at += path.length;
        sha256.update(text, 0, at);
        try {
            sha256.digest(key, 2, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    /** CIDv1 binary form into {@link #cid}: varint 1, varint codec, multihash. */
    private int cidV1(long codec, byte[] multihash) {
        int length = 1 + varintLength(codec) + multihash.length;
        if (cid.length < length) {
            cid = new byte[Math.max(length, cid.length * 2)];
        }
        cid[0] = 1;
        int at = 1;
        long value = codec;
        while ((value & ~0x7fL) != 0) {
            cid[at++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        cid[at++] = (byte) value;
        System.arraycopy(multihash, 0, cid, at, multihash.length);
        return at + multihash.length;
    }

    private static int varintLength(long value) {
        int length = 1;
        while ((value & ~0x7fL) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    /** RFC 4648 base32, lower case, no padding (multibase 'b'); returns the end. */
    static int base32(byte[] in, int length, byte[] out, int at) {
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = buffer << 8 | in[i] & 0xff;
            bits += 8;
            while (bits >= 5) {
                out[at++] = BASE32[buffer >>> (bits - 5) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[at++] = BASE32[buffer << (5 - bits) & 31];
        }
        return at;
    }
}
