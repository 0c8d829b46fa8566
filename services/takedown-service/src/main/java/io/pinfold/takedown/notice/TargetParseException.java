package io.pinfold.takedown.notice;

/** A notice target that names nothing blockable; the message says why, for the complainant. */
public class TargetParseException extends RuntimeException {
    public TargetParseException(String message) {
        super(message, null, false, false);
    }
}
