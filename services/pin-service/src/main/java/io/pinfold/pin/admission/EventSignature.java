package io.pinfold.pin.admission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a publisher signs on a pin event published straight to pinfold.pins (libs/event-contracts README, "Signed pin
 * requests"): the UTF-8 bytes of
 * <pre>
 * pinfold-event-signature-v1 LF ce_id LF ce_source LF ce_time LF lowercase-hex(SHA-256(record value))
 * </pre>
 * with the three header values exactly as they travel (no re-formatting of the time) and no final LF. The Ed25519
 * signature (64 bytes, standard base64 with padding) goes in the CloudEvents extension header
 * {@value #SIGNATURE_HEADER}, the id of the registered key in {@value #KEY_ID_HEADER} (extension names are lowercase
 * letters and digits only, hence no separators).
 */
public final class EventSignature {
    public static final String SIGNATURE_HEADER = "ce_pinfoldsignature";
    public static final String KEY_ID_HEADER = "ce_pinfoldkeyid";
    static final String VERSION = "pinfold-event-signature-v1";

    private EventSignature() {
    }

    /** The exact bytes signed for an event with these header values and this record value. */
    public static byte[] signedBytes(String id, String source, String time, byte[] data) {
        String text = VERSION + "\n" + id + "\n" + source + "\n" + time + "\n" + HexFormat.of().formatHex(sha256(data));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
