package io.pinfold.testsupport.stack;

/** A real part (Kafka, PostgreSQL, Jaeger…) could not be started or reached; the message says which and why. */
public class PartFailedException extends RuntimeException {

    public PartFailedException(String message) {
        super(message);
    }

    public PartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
