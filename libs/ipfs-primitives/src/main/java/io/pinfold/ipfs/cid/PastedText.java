package io.pinfold.ipfs.cid;

/**
 * Trims what surrounds a pasted value: all Unicode white space, including the no-break and
 * zero-width spaces and byte-order marks that copying from web pages and documents brings along.
 */
final class PastedText {

    private PastedText() {
    }

    /** The text without surrounding blanks; "" for null. Returns the same instance when there is nothing to trim. */
    static String trim(String text) {
        if (text == null) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b' || c == '\ufeff';
    }
}
