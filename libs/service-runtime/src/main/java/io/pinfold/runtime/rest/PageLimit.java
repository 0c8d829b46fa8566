package io.pinfold.runtime.rest;

/**
 * The {@code limit} query parameter of a paged listing: absent or empty gives the default, anything else must be a
 * whole number from 1 to the maximum, or the request is refused with a 400 that names {@code limit}
 * ({@code limit: must be between 1 and 1000, got 0}). One place for what every paged endpoint repeated.
 */
public final class PageLimit {
    /** The page size when the request names none. */
    public static final int DEFAULT = 100;
    /** The largest page a request may ask for. */
    public static final int MAX = 1000;
    private static final int SHOWN = 40;

    private PageLimit() {
    }

    /** {@link #DEFAULT} when absent, else 1 to {@link #MAX}. */
    public static int parse(String text) {
        return parse(text, DEFAULT, MAX);
    }

    /** {@code defaultLimit} when absent or empty, else a whole number from 1 to {@code max}. */
    public static int parse(String text, int defaultLimit, int max) {
        if (text == null || text.isEmpty()) {
            return defaultLimit;
        }
        String trimmed = text.trim();
        long value;
        try {
            value = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            String shown = trimmed.length() > SHOWN ? trimmed.substring(0, SHOWN) + "…" : trimmed;
            throw RequestRejected.badRequest("limit", "must be a whole number between 1 and " + max + ", got '" + shown + "'");
        }
        if (value < 1 || value > max) {
            throw RequestRejected.badRequest("limit", "must be between 1 and " + max + ", got " + value);
        }
        return (int) value;
    }
}
