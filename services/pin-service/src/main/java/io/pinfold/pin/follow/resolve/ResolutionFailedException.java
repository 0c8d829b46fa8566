package io.pinfold.pin.follow.resolve;

/** A name could not be resolved; the message says which and why, as the API and the event show it. */
public class ResolutionFailedException extends RuntimeException {
    public ResolutionFailedException(String message) {
        super(message);
    }

    public ResolutionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
