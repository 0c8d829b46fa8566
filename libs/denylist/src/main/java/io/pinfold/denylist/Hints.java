package io.pinfold.denylist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key/value hints of a rule (IPIP-383 leaves their meaning open). Pinfold reads three:
 * {@value #NOTICE} (the takedown notice id), {@value #LEGAL_REASON} (the legal basis, e.g. {@code dmca})
 * and {@value #STATUS} (the HTTP status the gateway answers). Others are kept and written back as is.
 */
public final class Hints {

    public static final String NOTICE = "notice";
    public static final String LEGAL_REASON = "legal-reason";
    public static final String STATUS = "status";

    /** HTTP 410 Gone: the default answer for blocked content. */
    public static final int GONE = 410;
    /** HTTP 451 Unavailable For Legal Reasons: the default where the entry carries a legal reason. */
    public static final int UNAVAILABLE_FOR_LEGAL_REASONS = 451;

    /** Longest hint value, in characters; a notice id and a legal reason are kept per rule in memory. */
    public static final int MAX_VALUE = 1024;

    public static final Hints NONE = new Hints(Map.of());

    private final Map<String, String> values;

    private Hints(Map<String, String> values) {
        this.values = values;
    }

    /** Hints in the given order; a status hint must be a number from 400 to 599. */
    public static Hints of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Objects.requireNonNull(value, "hint value");
            if (value.length() > MAX_VALUE) {
                throw new IllegalArgumentException("hint " + key + " is " + value.length() + " characters long, at most " + MAX_VALUE + " are allowed");
            }
            copy.put(checkKey(Objects.requireNonNull(key, "hint key")), value);
        });
        String status = copy.get(STATUS);
        if (status != null) {
            parseStatus(status);
        }
        return copy.isEmpty() ? NONE : new Hints(Collections.unmodifiableMap(copy));
    }

    /** The hints of a Pinfold entry: any of the three may be null. */
    public static Hints of(String notice, String legalReason, Integer status) {
        Map<String, String> values = new LinkedHashMap<>();
        if (notice != null) {
            values.put(NOTICE, notice);
        }
        if (legalReason != null) {
            values.put(LEGAL_REASON, legalReason);
        }
        if (status != null) {
            values.put(STATUS, Integer.toString(status));
        }
        return of(values);
    }

    /** A key must stay one field of a line and be read back whole: no blank, '=', ':' or '%'. */
    private static String checkKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("hint name is empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == '=' || c == ':' || c == '%' || c == 0x7f) {
                throw new IllegalArgumentException("hint name '" + key + "' has '" + (c <= ' ' ? "U+" + String.format("%04X", (int) c) : String.valueOf(c)) + "', which cannot be written in a list");
            }
        }
        return key;
    }

    static int parseStatus(String text) {
        int status;
        try {
            status = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("hint status must be an HTTP error status from 400 to 599, got '" + text + "'");
        }
        return status;
    }

    /** These hints with {@code overrides} laid on top (a rule's own hints override the list's). */
    public Hints with(Hints overrides) {
        if (overrides.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return overrides;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new Hints(Collections.unmodifiableMap(merged));
    }

    /** Every hint, in list order; unmodifiable. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The takedown notice the rule comes from. */
    public Optional<String> notice() {
        return Optional.ofNullable(values.get(NOTICE));
    }

    /** The legal basis of the block (e.g. {@code dmca}, {@code court-order}); its presence makes the status 451. */
    public Optional<String> legalReason() {
        return Optional.ofNullable(values.get(LEGAL_REASON));
    }

    /** The status hint, else 451 when there is a legal reason, else 410. */
    public int status() {
        String status = values.get(STATUS);
        if (status != null) {
            return parseStatus(status);
        }
        return values.containsKey(LEGAL_REASON) ? UNAVAILABLE_FOR_LEGAL_REASONS : GONE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hints && ((Hints) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
