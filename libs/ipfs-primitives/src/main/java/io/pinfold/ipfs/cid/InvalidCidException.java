package io.pinfold.ipfs.cid;

/**
 * Text or bytes that are not a valid CID, multihash or IPFS path. The message names the problem
 * precisely ("not a CID: unknown multibase prefix 'x'") and is safe to show to the user as is.
 */
public final class InvalidCidException extends RuntimeException {

    /** How much of the offending input is kept for logs; a hostile request may send megabytes. */
    static final int MAX_INPUT_KEPT = 256;

    private static final long serialVersionUID = 1L;

    private final String input;

    InvalidCidException(String message, String input) {
        // No stack trace: this is an expected answer to bad input on the gateway's hot path, and the
        // message already says everything.
        super(message, null, false, false);
        this.input = input == null || input.length() <= MAX_INPUT_KEPT ? input : input.substring(0, MAX_INPUT_KEPT) + "\u2026";
    }

    InvalidCidException(String message) {
        this(message, null);
    }

    /** The rejected input as given (cut to 256 characters), or null when the problem is not in one input. */
    public String input() {
        return input;
    }

    InvalidCidException withInput(String original) {
        return input == null ? new InvalidCidException(getMessage(), original) : this;
    }
}
