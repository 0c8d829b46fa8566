package io.pinfold.runtime.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An API token in its text form: {@code pf_} followed by 32 random bytes in base64url (46 characters). The prefix
 * lets operators recognise a Pinfold token and lets secret scanners match a leaked one. {@link #toString()} never
 * shows the token, so it cannot reach a log by accident.
 */
public final class BearerToken {
    public static final String PREFIX = "pf_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String text;

    private BearerToken(String text) {
        this.text = text;
    }

    public static BearerToken generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new BearerToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A token as a client presented it (or as an operator configured it); no format is imposed on what it holds. */
    public static BearerToken of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("token: must not be blank");
        }
        return new BearerToken(text);
    }

    /** The token itself: to hand to its owner once, never to log or store. */
    public String reveal() {
        return text;
    }

    /**
     * SHA-256 of the token, the only form ever stored. A fast hash is enough here (no slow KDF such as bcrypt):
     * a generated token carries 256 random bits, so there is nothing to guess from its hash, unlike a password.
     */
    public byte[] hash() {
        return sha256(text);
    }

    /** Compares in constant time, so the time taken reveals nothing of how much of a stored hash matched. */
    public boolean matches(byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(), storedHash);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
