package io.pinfold.kubo.error;

import java.time.Duration;

/**
 * The call did not answer within its deadline; the HTTP request was aborted, so Kubo stops working on
 * it. Transient: a less busy node, or a longer deadline, may answer.
 */
public sealed class KuboTimeoutException extends KuboException permits KuboIdleTimeoutException {

    private final Duration timeout;

    public KuboTimeoutException(String call, Duration timeout) {
        this(call, "no answer within " + timeout.toMillis() + " ms (request aborted)", timeout);
    }

    KuboTimeoutException(String call, String message, Duration timeout) {
        super(call, message, NO_CODE);
        this.timeout = timeout;
    }

    /** The deadline that passed. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
