package io.pinfold.ipfs.cid;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one path segment (RFC 3986). Decoding is strict: a '%' must be followed by two
 * hex digits, and each run of escapes must be UTF-8. '+' stays '+': this is a path, not a form.
 */
final class PathSegmentCoding {

    private static final String SUBJECT = "not an IPFS path";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegmentCoding() {
    }

    /**
     * Decodes {@code text[from, to)}, segment number {@code index} (1-based, for messages); positions
     * in messages are 1-based indexes into {@code text}.
     */
    static String decode(String text, int from, int to, int index) {
        int percent = text.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            return text.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            if (text.charAt(i) != '%') {
                out.append(text.charAt(i++));
                continue;
            }
            byte[] run = new byte[(to - i + 2) / 3];
            int length = 0;
            while (i < to && text.charAt(i) == '%') {
                run[length++] = (byte) escapedByte(text, i, to);
                i += 3;
            }
            out.append(utf8(run, length, index));
        }
        return out.toString();
    }

    private static int escapedByte(String text, int at, int to) {
        int high = at + 1 < to ? Character.digit(text.charAt(at + 1), 16) : -1;
        int low = at + 2 < to ? Character.digit(text.charAt(at + 2), 16) : -1;
        if (high < 0 || low < 0) {
            String shown = text.substring(at, Math.min(at + 3, to));
            throw new InvalidCidException(SUBJECT + ": invalid percent-encoding '" + shown + "' at position " + (at + 1));
        }
        return high << 4 | low;
    }

    private static CharSequence utf8(byte[] bytes, int length, int index) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (CharacterCodingException e) {
            throw new InvalidCidException(SUBJECT + ": segment " + index + " is not valid UTF-8 after percent-decoding");
        }
    }

    /** Appends {@code segment} with everything but RFC 3986 pchar (unreserved, sub-delims, ':' and '@') escaped. */
    static void encode(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPathChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    private static boolean isPathChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
