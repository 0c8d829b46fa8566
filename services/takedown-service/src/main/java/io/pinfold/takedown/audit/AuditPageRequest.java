package io.pinfold.takedown.audit;

import io.pinfold.runtime.rest.PageLimit;
import io.pinfold.runtime.rest.RequestRejected;

/** The {@code after} and {@code limit} query parameters, checked with an error that names the field ({@code limit}: {@link PageLimit}). */
record AuditPageRequest(long after, int limit) {
    static AuditPageRequest parse(String after, String limit) {
        long afterSeq = after == null || after.isEmpty() ? 0 : number("after", after, 0, Long.MAX_VALUE);
        int size = PageLimit.parse(limit);
        return new AuditPageRequest(afterSeq, size);
    }

    private static long number(String field, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw RequestRejected.badRequest(field, "must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw RequestRejected.badRequest(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
