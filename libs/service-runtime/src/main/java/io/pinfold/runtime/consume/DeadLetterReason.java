package io.pinfold.runtime.consume;

/**
 * What a record is nacked with: SmallRye's dead-letter-queue strategy writes its message as the
 * {@code dead-letter-reason} header and its cause as {@code dead-letter-cause}. No stack trace: it is a verdict.
 */
final class DeadLetterReason extends RuntimeException {

    DeadLetterReason(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
