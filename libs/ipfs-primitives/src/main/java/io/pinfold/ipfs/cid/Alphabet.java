package io.pinfold.ipfs.cid;

import java.util.Arrays;

/**
 * The characters one base may use, and the length and padding rules of RFC 4648 bases. Text is
 * checked here first so that errors name the exact character and position, and so the decoding
 * library only ever sees text it can decode.
 */
final class Alphabet {

    private final String baseName;
    private final byte[] values = new byte[128];
    /** 1, 4, 5 or 6 for the RFC 4648 style bases; 0 for the radix bases (base36, base58). */
    private final int bitsPerChar;
    /** 4 or 8 when the base pads with '=', else 0. */
    private final int padBlock;

    private Alphabet(String baseName, String characters, boolean caseInsensitive, int bitsPerChar, int padBlock) {
        this.baseName = baseName;
        this.bitsPerChar = bitsPerChar;
        this.padBlock = padBlock;
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < characters.length(); i++) {
            char c = characters.charAt(i);
            values[c] = (byte) i;
            if (caseInsensitive) {
                values[Character.toUpperCase(c)] = (byte) i;
                values[Character.toLowerCase(c)] = (byte) i;
            }
        }
    }

    static Alphabet rfc4648(String baseName, String characters, boolean caseInsensitive, int bitsPerChar, boolean padded) {
        return new Alphabet(baseName, characters, caseInsensitive, bitsPerChar, padded ? 8 / gcd(8, bitsPerChar) : 0);
    }

    static Alphabet radix(String baseName, String characters, boolean caseInsensitive) {
        return new Alphabet(baseName, characters, caseInsensitive, 0, 0);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Value of a character already known to be valid. */
    int valueOf(char c) {
        return values[c];
    }

    /**
     * Checks {@code text} from {@code from} to its end.
     *
     * @throws InvalidCidException naming the first bad character (1-based position in {@code text}),
     *                             or the length or padding rule that is broken
     */
    void check(String text, int from, String subject) {
        int end = text.length();
        int dataEnd = end;
        if (padBlock > 0) {
            while (dataEnd > from && text.charAt(dataEnd - 1) == '=') {
                dataEnd--;
            }
        }
        for (int i = from; i < dataEnd; i++) {
            char c = text.charAt(i);
            if (c >= 128 || values[c] < 0) {
                throw new InvalidCidException(subject + ": invalid " + baseName + " character " + describe(text, i)
                        + " at position " + (i + 1));
            }
        }
        if (bitsPerChar == 0) {
            return;
        }
        int chars = dataEnd - from;
        int leftoverBits = (int) (((long) chars * bitsPerChar) % 8);
        if (leftoverBits >= bitsPerChar) {
            throw new InvalidCidException(subject + ": " + baseName + " text of " + chars + " characters does not encode whole bytes");
        }
        if (leftoverBits > 0 && (values[text.charAt(dataEnd - 1)] & ((1 << leftoverBits) - 1)) != 0) {
            throw new InvalidCidException(subject + ": " + baseName + " text ends with non-zero bits after the last byte");
        }
        if (padBlock > 0) {
            int total = end - from;
            if (total % padBlock != 0) {
                throw new InvalidCidException(subject + ": " + baseName + " text must be a multiple of " + padBlock
                        + " characters, got " + total);
            }
            if (end - dataEnd >= padBlock) {
                throw new InvalidCidException(subject + ": " + baseName + " text has too many '=' padding characters");
            }
        }
    }

    /** A character as a message shows it: quoted when printable, else by code point. */
    static String describe(String text, int index) {
        int codePoint = text.codePointAt(index);
        if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)
                || Character.getType(codePoint) == Character.FORMAT) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }
}
