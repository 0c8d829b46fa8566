package io.pinfold.runtime.consume;

import io.pinfold.events.validation.InvalidEventException;

/**
 * Sorts a processing failure: the record's fault (dead-letter at once) or passing (retry). Anything not known to be
 * the record's fault counts as passing: a wrong guess then costs a bounded delay, never a lost record.
 */
public enum FailureKind {
    RECORDS_FAULT,
    TRANSIENT;

    public static FailureKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordRefusedException || cause instanceof InvalidEventException) {
                return RECORDS_FAULT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return TRANSIENT;
    }
}
