package io.pinfold.runtime.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A keyset page cursor {@code <timestamp>|<uuid>}: where a listing ordered by (time, id) stopped. The listing hands
 * out {@link #toString()} as {@code next}; the client passes it back in a query parameter ({@code after} or
 * {@code before}), read with {@link #parse}, which refuses anything else with a 400 naming that parameter.
 */
public record TimeIdCursor(OffsetDateTime time, UUID id) {
    /**
     * @param field the query parameter's name, for the error
     * @return null when {@code text} is absent or empty
     */
    public static TimeIdCursor parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int bar = text.lastIndexOf('|');
        try {
            return new TimeIdCursor(OffsetDateTime.parse(text.substring(0, Math.max(bar, 0))), UUID.fromString(text.substring(bar + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw RequestRejected.badRequest(field, "not a page cursor: pass the next value of the previous page");
        }
    }

    @Override
    public String toString() {
        return time + "|" + id;
    }
}
