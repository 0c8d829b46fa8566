package io.pinfold.events.validation;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.Multihash;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CID and multihash fields of an event: read by {@link Cid#parse} and
 * {@link Multihash#fromBase32}, with two rules of their own for records from outside. The text must
 * be exact, since it becomes ce_subject and denylist rules (the parser forgives white space around
 * pasted text), and at most {@value #MAX_LENGTH} characters, so a hostile record cannot make us do
 * big-number base58 work.
 */
public final class CidShape {

    static final int MAX_LENGTH = 512;

    private static final String NOT_A_CID = "not a CID";
    private static final String NOT_A_MULTIHASH = "not a multihash";

    private CidShape() {
    }

    /** Why {@code text} is not a CID an event may carry, or empty when it is one. */
    public static Optional<String> problem(String text) {
        return problem(text, CidShape::parse);
    }

    /**
     * The multihash of {@code cid} in base32, lower case, without multibase prefix: the Kafka key of
     * every event about that content.
     *
     * @throws IllegalArgumentException naming the problem when {@code cid} is not a CID
     */
    public static String multihashBase32(String cid) {
        return parse(cid).multihash().toBase32();
    }

    /** Why {@code text} is not a base32 multihash (lower case, no prefix), or empty when it is one. */
    public static Optional<String> multihashProblem(String text) {
        return problem(text, multihash -> exact(multihash, NOT_A_MULTIHASH, Multihash::fromBase32));
    }

    private static Cid parse(String text) {
        return exact(text, NOT_A_CID, Cid::parse);
    }

    private static Optional<String> problem(String text, Function<String, ?> reader) {
        try {
            reader.apply(text);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    private static <T> T exact(String text, String subject, Function<String, T> parser) {
        if (text != null && text.length() > MAX_LENGTH) {
            throw new Refused(subject + ": longer than " + MAX_LENGTH + " characters");
        }
        T value;
        try {
            value = parser.apply(text);
        } catch (InvalidCidException e) {
            throw new Refused(e.getMessage(), e);
        }
        // Every multibase alphabet is printable ASCII, so any other character left at an end of
        // parsed text is white space that the parser trimmed.
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        if (!isPrintableAscii(first)) {
            throw new Refused(subject + ": starts with white space (" + codePoint(first) + ")");
        }
        if (!isPrintableAscii(last)) {
            throw new Refused(subject + ": ends with white space (" + codePoint(last) + ")");
        }
        return value;
    }

    private static boolean isPrintableAscii(char c) {
        return c > ' ' && c < 0x7f;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** Text a field may not hold; the message names the problem and is shown to the user as is. */
    private static final class Refused extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
