package io.pinfold.events.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Collects every field-level violation of one record before failing, so a producer or an outside
 * publisher learns all that is wrong at once. Each check but {@link #required} ignores a null value:
 * whether a field may be absent is decided by {@code required} alone.
 */
public final class FieldChecks {

    /** Ids chosen by people or other systems: pin request ids, notice ids, tenants. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** Node ids end up in URLs, metric labels and Kubernetes names, hence DNS-label rules. */
    public static final Pattern NODE_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");

    private final List<Violation> violations = new ArrayList<>();

    private FieldChecks() {
    }

    public static FieldChecks start() {
        return new FieldChecks();
    }

    public FieldChecks required(String field, Object value) {
        if (value == null) {
            add(field, "required");
        }
        return this;
    }

    /** Non-blank text of at most {@code maxLength} characters. */
    public FieldChecks text(String field, String value, int maxLength) {
        if (value == null) {
            return this;
        }
        if (value.isBlank()) {
            add(field, "must not be blank");
        } else if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        return this;
    }

    public FieldChecks matches(String field, String value, Pattern pattern, String expected) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(field, "must be " + expected + ", was " + Violation.quote(value));
        }
        return this;
    }

    public FieldChecks identifier(String field, String value) {
        return matches(field, value, IDENTIFIER,
                "1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }

    public FieldChecks nodeId(String field, String value) {
        return matches(field, value, NODE_ID,
                "1-63 lower-case letters, digits or '-', starting and ending with a letter or digit");
    }

    public FieldChecks noWhitespace(String field, String value, int maxLength) {
        text(field, value, maxLength);
        if (value != null && !value.isBlank() && !NO_WHITESPACE.matcher(value).matches()) {
            add(field, "must not contain whitespace");
        }
        return this;
    }

    public FieldChecks cid(String field, String value) {
        if (value != null) {
            CidShape.problem(value).ifPresent(problem -> add(field, problem));
        }
        return this;
    }

    public FieldChecks multihash(String field, String value) {
        if (value != null) {
            CidShape.multihashProblem(value).ifPresent(problem -> add(field, problem));
        }
        return this;
    }

    public FieldChecks uuid(String field, String value) {
        if (value != null && !isUuid(value)) {
            add(field, "not a UUID " + Violation.quote(value));
        }
        return this;
    }

    /** An absolute http(s) URL with a host, e.g. {@code http://127.0.0.1:15002}. */
    public FieldChecks httpUrl(String field, String value) {
        if (value != null && !isHttpUrl(value)) {
            add(field, "must be an absolute http or https URL such as http://127.0.0.1:15002, was "
                    + Violation.quote(value));
        }
        return this;
    }

    /** No null entries, e.g. in a list built by a caller. */
    public FieldChecks noNulls(String field, Collection<?> values) {
        if (values != null && values.stream().anyMatch(Objects::isNull)) {
            add(field, "must not contain null");
        }
        return this;
    }

    public FieldChecks between(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            add(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return this;
    }

    public FieldChecks atLeast(String field, Number value, long min) {
        if (value != null && value.longValue() < min) {
            add(field, "must be at least " + min + ", was " + value);
        }
        return this;
    }

    public FieldChecks oneOf(String field, Integer value, Collection<Integer> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "must be one of " + allowed + ", was " + value);
        }
        return this;
    }

    public FieldChecks size(String field, Collection<?> values, int min, int max) {
        if (values != null && (values.size() < min || values.size() > max)) {
            add(field, min == 0 ? "must have at most " + max + " entries, has " + values.size()
                    : "must have between " + min + " and " + max + " entries, has " + values.size());
        }
        return this;
    }

    public FieldChecks size(String field, Map<?, ?> values, int max) {
        if (values != null && values.size() > max) {
            add(field, "must have at most " + max + " entries, has " + values.size());
        }
        return this;
    }

    /** A rule between fields, e.g. "required when status is failed". */
    public FieldChecks that(boolean holds, String field, String reason) {
        if (!holds) {
            add(field, reason);
        }
        return this;
    }

    public FieldChecks add(String field, String reason) {
        violations.add(new Violation(field, reason));
        return this;
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Fails with every violation found, if any. */
    public void orThrow() {
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A UUID in its canonical 36-character form (any case). */
    public static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
