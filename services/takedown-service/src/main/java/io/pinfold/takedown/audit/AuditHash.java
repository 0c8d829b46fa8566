package io.pinfold.takedown.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of one audit record: SHA-256 over this byte layout (version 1), so anyone can recompute it:
 *
 * <pre>
 * field(x)  = uint32 big-endian length of x in bytes, then x
 * message   = field(UTF-8 "pinfold.audit.v1")
 *           + uint64 big-endian seq
 *           + field(UTF-8 recorded_at in UTC as yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z', always six fraction digits)
 *           + field(UTF-8 actor) + field(UTF-8 action) + field(UTF-8 subject) + field(UTF-8 reason)
 *           + field(UTF-8 details as RFC 8785 canonical JSON)
 *           + prev_hash (32 bytes, raw; 32 zero bytes for seq 1)
 * hash      = SHA-256(message)
 * </pre>
 *
 * Every variable field is length-prefixed, so no two different records encode to the same bytes.
 */
public final class AuditHash {
    public static final String LAYOUT_TAG = "pinfold.audit.v1";
    public static final int LENGTH = 32;
    /** The prev_hash of the first record. */
    public static final byte[] GENESIS = new byte[LENGTH];
    static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditHash() {
    }

    /** The stored precision of recorded_at (PostgreSQL keeps microseconds); hash only what reads back the same. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] of(long seq, Instant recordedAt, String actor, String action, String subject, String reason,
            String canonicalDetails, byte[] prevHash) {
        if (prevHash.length != LENGTH) {
            throw new IllegalArgumentException("prev_hash: must be " + LENGTH + " bytes, got " + prevHash.length);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        field(message, LAYOUT_TAG);
        message.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
        field(message, RECORDED_AT.format(recordedAt));
        field(message, actor);
        field(message, action);
        field(message, subject);
        field(message, reason);
        field(message, canonicalDetails);
        message.writeBytes(prevHash);
        return sha256(message.toByteArray());
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
