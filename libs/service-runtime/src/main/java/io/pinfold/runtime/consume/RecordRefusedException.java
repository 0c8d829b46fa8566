package io.pinfold.runtime.consume;

/**
 * A record's own fault (it breaks the contract, or asks for something that can never be done): retrying cannot help,
 * so it goes straight to the dead-letter topic with this message as the reason.
 */
public class RecordRefusedException extends RuntimeException {

    public RecordRefusedException(String reason) {
        super(reason);
    }

    public RecordRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
