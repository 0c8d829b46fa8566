package io.pinfold.takedown.denylist;

import java.util.Optional;

/**
 * One byte range of a representation of known length, from a {@code Range} header (RFC 9110 §14.1.2): {@code
 * bytes=10-99}, {@code bytes=10-} (to the end), {@code bytes=-500} (the last 500 bytes). Pure: no I/O.
 *
 * <p>What a header asks for: {@link #parse} is empty when the header is absent, not a byte range, or several ranges
 * (the RFC lets a server ignore such a header and answer 200 with everything; followers ask for one range), and
 * {@link Requested#unsatisfiable} when the range starts at or after the end.
 */
public record ByteRange(long first, long last, long total) {

    /** What the header asks of a representation of {@code total} bytes. */
    public sealed interface Requested permits Requested.Part, Requested.Unsatisfiable {
        record Part(ByteRange range) implements Requested { }

        record Unsatisfiable(long total) implements Requested { }

        static Requested unsatisfiable(long total) {
            return new Unsatisfiable(total);
        }
    }

    public static Optional<Requested> parse(String header, long total) {
        if (header == null) {
            return Optional.empty();
        }
        String text = header.strip();
        if (!text.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String spec = text.substring(6).strip();
        if (spec.indexOf(',') >= 0) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        try {
            if (from.isEmpty()) {
                // bytes=-N: the last N bytes; a suffix of 0 bytes selects nothing.
                long suffix = digits(to);
                if (suffix == 0 || total == 0) {
                    return Optional.of(Requested.unsatisfiable(total));
                }
                return Optional.of(new Requested.Part(new ByteRange(Math.max(0, total - suffix), total - 1, total)));
            }
            long first = digits(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
            if (last < first) {
                return Optional.empty();
            }
            if (first >= total) {
                return Optional.of(Requested.unsatisfiable(total));
            }
            return Optional.of(new Requested.Part(new ByteRange(first, Math.min(last, total - 1), total)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Only ASCII digits: Long.parseLong would also take a sign. */
    private static long digits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
    }

    public long length() {
        return last - first + 1;
    }

    /** The Content-Range header value of a 206 answer. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + total;
    }
}
