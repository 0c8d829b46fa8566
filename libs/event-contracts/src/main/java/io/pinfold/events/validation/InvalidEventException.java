package io.pinfold.events.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An event (or the part of one being built) breaks its contract. The message lists every
 * violation as {@code field: reason}, separated by "; ", so it can go straight into a
 * dead-letter reason or an API error.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidEventException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidEventException(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The same violations placed under {@code prefix}, e.g. {@code data}. */
    public InvalidEventException under(String prefix) {
        return new InvalidEventException(violations.stream().map(v -> v.under(prefix)).toList());
    }

    public static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
