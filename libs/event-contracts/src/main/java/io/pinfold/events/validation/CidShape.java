package io.pinfold.events.validation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Structural check of CID strings in any common form (CIDv0 base58btc; CIDv1 in base32, base36,
 * base58btc, base16, base64 and base64url): decodes the multibase and walks the varints of version,
 * codec and multihash. It knows no codec or hash names: canonical parsing is
 * {@code io.pinfold.ipfs.cid.Cid}'s job; this lets any consumer reject garbage without that library.
 */
public final class CidShape {

    /** Longer text is refused before decoding so a hostile record cannot make us do big-number work. */
    static final int MAX_LENGTH = 512;

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String BASE16 = "0123456789abcdef";

    private CidShape() {
    }

    /** Why {@code text} is not a CID, or empty when it is structurally one. */
    public static Optional<String> problem(String text) {
        try {
            multihashBytes(text);
            return Optional.empty();
        } catch (NotValid e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The multihash of {@code cid} in base32, lower case, without multibase prefix: the Kafka key of
     * every event about that content.
     *
     * @throws IllegalArgumentException naming the structural problem when {@code cid} is not a CID
     */
    public static String multihashBase32(String cid) {
        try {
            return encodeBase32(multihashBytes(cid));
        } catch (NotValid e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Why {@code text} is not a base32 multihash (lower case, no prefix), or empty when it is one. */
    public static Optional<String> multihashProblem(String text) {
        try {
            if (text == null || text.isEmpty()) {
                throw new NotValid("not a multihash: empty");
            }
            if (text.length() > MAX_LENGTH) {
                throw new NotValid("not a multihash: longer than " + MAX_LENGTH + " characters");
            }
            byte[] bytes = decodeAlphabet(text, BASE32, "lower-case base32", "not a multihash");
            checkMultihash(new VarintReader(bytes, "not a multihash"), "not a multihash");
            return Optional.empty();
        } catch (NotValid e) {
            return Optional.of(e.getMessage());
        }
    }

    private static byte[] multihashBytes(String text) throws NotValid {
        if (text == null || text.isEmpty()) {
            throw new NotValid("not a CID: empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new NotValid("not a CID: longer than " + MAX_LENGTH + " characters");
        }
        if (text.startsWith("Qm")) {
            return cidV0(text);
        }
        byte[] bytes = decodeMultibase(text);
        VarintReader reader = new VarintReader(bytes, "not a CID");
        long version = reader.next("CID version");
        if (version != 1) {
            throw new NotValid("not a CID: unsupported CID version " + version
                    + (version == 0x12 ? " (a CIDv0 is written in base58btc without prefix, Qm…)" : ""));
        }
        reader.next("codec");
        int start = reader.position();
        checkMultihash(reader, "not a CID");
        return Arrays.copyOfRange(bytes, start, bytes.length);
    }

    private static byte[] cidV0(String text) throws NotValid {
        if (text.length() != 46) {
            throw new NotValid("not a CID: a CIDv0 (Qm…) has 46 characters, this one has " + text.length());
        }
        byte[] bytes = decodeBigBase(text, BASE58, '1', "base58btc");
        if (bytes.length != 34 || bytes[0] != 0x12 || bytes[1] != 0x20) {
            throw new NotValid("not a CID: a CIDv0 must hold a sha2-256 multihash");
        }
        return bytes;
    }

    private static void checkMultihash(VarintReader reader, String what) throws NotValid {
        reader.next("multihash code");
        long length = reader.next("multihash length");
        int remaining = reader.remaining();
        if (length != remaining) {
            throw new NotValid(what + ": the multihash announces a " + length + "-byte digest but "
                    + remaining + " bytes follow");
        }
    }

    private static byte[] decodeMultibase(String text) throws NotValid {
        char prefix = text.charAt(0);
        String body = text.substring(1);
        if (body.isEmpty()) {
            throw new NotValid("not a CID: nothing after the multibase prefix '" + prefix + "'");
        }
        return switch (prefix) {
            case 'b' -> decodeAlphabet(body, BASE32, "base32", "not a CID");
            case 'B' -> decodeAlphabet(body.toLowerCase(Locale.ROOT), BASE32, "base32upper", "not a CID");
            case 'z' -> decodeBigBase(body, BASE58, '1', "base58btc");
            case 'k' -> decodeBigBase(body, BASE36, '0', "base36");
            case 'K' -> decodeBigBase(body.toLowerCase(Locale.ROOT), BASE36, '0', "base36upper");
            case 'f' -> decodeBase16(body, "base16");
            case 'F' -> decodeBase16(body.toLowerCase(Locale.ROOT), "base16upper");
            case 'u', 'U' -> decodeBase64(body, Base64.getUrlDecoder(), "base64url");
            case 'm', 'M' -> decodeBase64(body, Base64.getDecoder(), "base64");
            default -> throw new NotValid("not a CID: unknown multibase prefix '" + prefix + "'");
        };
    }

    /** RFC 4648 base32 without padding, 5 bits per character. */
    private static byte[] decodeAlphabet(String body, String alphabet, String baseName, String what)
            throws NotValid {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = alphabet.indexOf(body.charAt(i));
            if (digit < 0) {
                throw new NotValid(what + ": '" + body.charAt(i) + "' is not a " + baseName + " character");
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** Base58btc and base36: the text is one big number; leading zero digits stand for zero bytes. */
    private static byte[] decodeBigBase(String body, String alphabet, char zeroDigit, String baseName)
            throws NotValid {
        BigInteger radix = BigInteger.valueOf(alphabet.length());
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int digit = alphabet.indexOf(c);
            if (digit < 0) {
                throw new NotValid("not a CID: '" + c + "' is not a " + baseName + " character");
            }
            if (leading && c == zeroDigit) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(radix).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        byte[] bytes = new byte[leadingZeros + magnitude.length - signByte];
        System.arraycopy(magnitude, signByte, bytes, leadingZeros, magnitude.length - signByte);
        return bytes;
    }

    private static byte[] decodeBase16(String body, String baseName) throws NotValid {
        if (body.length() % 2 != 0) {
            throw new NotValid("not a CID: " + baseName + " text must have an even number of characters");
        }
        byte[] bytes = new byte[body.length() / 2];
        for (int i = 0; i < body.length(); i++) {
            int digit = BASE16.indexOf(body.charAt(i));
            if (digit < 0) {
                throw new NotValid("not a CID: '" + body.charAt(i) + "' is not a " + baseName + " character");
            }
            bytes[i / 2] |= (byte) (i % 2 == 0 ? digit << 4 : digit);
        }
        return bytes;
    }

    private static byte[] decodeBase64(String body, Base64.Decoder decoder, String baseName) throws NotValid {
        try {
            return decoder.decode(body);
        } catch (IllegalArgumentException e) {
            throw new NotValid("not a CID: not valid " + baseName + " (" + e.getMessage() + ")");
        }
    }

    static String encodeBase32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32.charAt((buffer >> bits) & 31));
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Unsigned LEB128 varints, as multiformats write them (at most 9 bytes). */
    private static final class VarintReader {
        private final byte[] bytes;
        private final String what;
        private int position;

        VarintReader(byte[] bytes, String what) {
            this.bytes = bytes;
            this.what = what;
        }

        long next(String field) throws NotValid {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (position >= bytes.length) {
                    throw new NotValid(what + ": ends inside the " + field);
                }
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new NotValid(what + ": the " + field + " is longer than 9 bytes");
        }

        int position() {
            return position;
        }

        int remaining() {
            return bytes.length - position;
        }
    }

    private static final class NotValid extends Exception {
        NotValid(String message) {
            super(message, null, false, false);
        }
    }
}
