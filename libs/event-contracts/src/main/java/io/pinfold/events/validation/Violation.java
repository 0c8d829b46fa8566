package io.pinfold.events.validation;

import java.util.Objects;

/**
 * One reason why an event is not acceptable, tied to the place it was found: a header name
 * ({@code ce_type}), the record key ({@code key}) or a path into the data ({@code data.replication}).
 */
public record Violation(String field, String reason) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** The same violation, placed under {@code prefix} ({@code cid} under {@code data} is {@code data.cid}). */
    public Violation under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new Violation(field.isEmpty() ? prefix : prefix + (field.startsWith("[") ? "" : ".") + field, reason);
    }

    /** How a reason shows an offending value: quoted, and cut to 80 characters so reasons stay readable. */
    public static String quote(String value) {
        return "'" + (value.length() <= 80 ? value : value.substring(0, 77) + "...") + "'";
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
