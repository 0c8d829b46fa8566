package io.pinfold.denylist;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a path as written in a rule or sent to a gateway into the one form rules and requests are
 * compared in: percent-decoded once, split on '/', empty and "." segments dropped, ".." taking back
 * the segment before it (RFC 3986 dot-segment removal, as Go's path.Clean does in Kubo), joined by '/'.
 * Decoding comes before splitting because Kubo sees the decoded path: an encoded '/' is a separator there.
 */
final class PathText {

    private PathText() {
    }

    /** The normalised path; throws {@link IllegalArgumentException} with the reason when it cannot be. */
    static String normalize(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        if (alreadyNormal(raw)) {
            // Most request paths: nothing to decode or remove, so no segment list is built.
            return raw.substring(1);
        }
        return normalizeSegments(raw);
    }

    /** The general way: decode, split, apply dot segments, join. */
    static String normalizeSegments(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        String decoded = percentDecode(raw, "path");
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start <= decoded.length()) {
            int slash = decoded.indexOf('/', start);
            int end = slash < 0 ? decoded.length() : slash;
            String segment = decoded.substring(start, end);
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("path climbs above its root with '..'");
                }
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            start = end + 1;
        }
        return String.join("/", segments);
    }

    /**
     * Whether {@code raw} is "/seg/seg" already in the normal form: no '%', no empty, "." or ".." segment, no trailing
     * slash. Then normalising is dropping the leading '/'.
     */
    static boolean alreadyNormal(String raw) {
        int length = raw.length();
        if (length < 2 || raw.charAt(0) != '/' || raw.charAt(length - 1) == '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            char c = i < length ? raw.charAt(i) : '/';
            if (c == '%') {
                return false;
            }
            if (c == '/') {
                int segment = i - segmentStart;
                if (segment == 0 || segment <= 2 && raw.charAt(segmentStart) == '.' && (segment == 1 || raw.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    /** Strict percent-decoding: '%' needs two hex digits, escaped bytes must be UTF-8; '+' stays '+'. */
    static String percentDecode(String text, String what) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        byte[] bytes = new byte[text.length() * 3];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(what + " has invalid percent-encoding '"
                            + text.substring(i, Math.min(i + 3, text.length())) + "' at position " + (i + 1));
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid UTF-8 after percent-decoding");
        }
    }
}
