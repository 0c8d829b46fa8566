package io.pinfold.pin.admission;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Ed25519 public keys and signatures with the JDK's own implementation (java.security "Ed25519", RFC 8032, in the
 * JDK since 15): a maintained, reviewed implementation, so none is written here. A registered key is its raw 32 bytes;
 * the JDK takes it in its X.509 (SubjectPublicKeyInfo) wrapping, which for Ed25519 is a fixed 12-byte header.
 */
public final class Ed25519Keys {
    public static final int KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes) } before the 32 key bytes. */
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** The multicodec ed25519-pub (0xed) as a varint, which a multibase key (did:key style) may carry before the raw bytes. */
    private static final byte[] MULTICODEC_ED25519_PUB = {(byte) 0xed, 0x01};

    private Ed25519Keys() {
    }

    /**
     * The raw 32 key bytes from text: base64 (standard or URL-safe, padding optional) of the 32 bytes, or multibase
     * ('z' base58btc, 'm'/'u' base64) of the 32 bytes or of the multicodec ed25519-pub 0xed01 + 32 bytes.
     *
     * @return the bytes, or the problem with the text (for a field-named error)
     */
    public static Decoded decode(String text) {
        if (text == null || text.isBlank()) {
            return Decoded.problem("is required: the raw 32-byte Ed25519 public key, base64 or multibase");
        }
        String value = text.strip();
        // Plain base64 of exactly 32 bytes wins (a base64 text may start with z, m or u too); then multibase.
        Optional<byte[]> plain = base64(value);
        Optional<byte[]> multibase = multibase(value).map(Ed25519Keys::withoutMulticodec);
        byte[] bytes = plain.filter(b -> b.length == KEY_BYTES)
                .or(() -> multibase.filter(b -> b.length == KEY_BYTES))
                .or(() -> plain).or(() -> multibase).orElse(null);
        if (bytes == null) {
            return Decoded.problem("is neither base64 nor multibase (z, m or u) text");
        }
        if (bytes.length != KEY_BYTES) {
            return Decoded.problem("must decode to the raw " + KEY_BYTES + "-byte Ed25519 public key, decoded to " + bytes.length + " bytes");
        }
        try {
            publicKey(bytes);
        } catch (GeneralSecurityException e) {
            return Decoded.problem("is not an Ed25519 public key (" + e.getMessage() + ")");
        }
        return new Decoded(bytes, null);
    }

    /** The raw key bytes decoded, or the problem. */
    public record Decoded(byte[] bytes, String problem) {
        static Decoded problem(String problem) {
            return new Decoded(null, problem);
        }
    }

    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = new byte[X509_HEADER.length + raw.length];
        System.arraycopy(X509_HEADER, 0, encoded, 0, X509_HEADER.length);
        System.arraycopy(raw, 0, encoded, X509_HEADER.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** Whether {@code signature} is the key's Ed25519 signature of {@code message}; a malformed key or signature is false. */
    public static boolean verify(byte[] rawKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<byte[]> base64(String value) {
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
            try {
                return Optional.of(decoder.decode(value));
            } catch (IllegalArgumentException ignored) {
                // not this alphabet
            }
        }
        return Optional.empty();
    }

    private static byte[] withoutMulticodec(byte[] bytes) {
        if (bytes.length == KEY_BYTES + 2 && bytes[0] == MULTICODEC_ED25519_PUB[0] && bytes[1] == MULTICODEC_ED25519_PUB[1]) {
            return java.util.Arrays.copyOfRange(bytes, 2, bytes.length);
        }
        return bytes;
    }

    private static Optional<byte[]> multibase(String value) {
        try {
            return switch (value.charAt(0)) {
                case 'z' -> Optional.of(com.apicatalog.base.Base58.decode(value.substring(1)));
                case 'm' -> Optional.of(Base64.getDecoder().decode(value.substring(1)));
                case 'u' -> Optional.of(Base64.getUrlDecoder().decode(value.substring(1)));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) { // the decoders' word for text outside their alphabet
            return Optional.empty();
        }
    }
}
