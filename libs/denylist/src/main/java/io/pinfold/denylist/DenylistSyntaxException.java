package io.pinfold.denylist;

/**
 * A line of a list that cannot be read: its number (from 1, header lines included), why, and the
 * line itself cut to 200 characters. The message reads {@code line 12: <why>: <line>}.
 */
public final class DenylistSyntaxException extends RuntimeException {

    private static final int SHOWN = 200;

    private final long line;
    private final String reason;
    private final String text;

    public DenylistSyntaxException(long line, String reason, String text) {
        super("line " + line + ": " + reason + (text == null ? "" : ": " + shorten(text)));
        this.line = line;
        this.reason = reason;
        this.text = text == null ? null : shorten(text);
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }

    public long line() {
        return line;
    }

    /** Why the line was refused, without the line number. */
    public String reason() {
        return reason;
    }

    /** The refused line, cut to 200 characters; null for problems of the whole header. */
    public String text() {
        return text;
    }
}
