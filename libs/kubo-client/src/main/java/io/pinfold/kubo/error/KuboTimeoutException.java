package io.pinfold.kubo.error;

import java.time.Duration;

/** The call did not answer within its deadline; the HTTP request was aborted, so Kubo stops working on it. */
public class KuboTimeoutException extends KuboException {

    private final Duration timeout;

    public KuboTimeoutException(String call, Duration timeout) {
        super(call, "no answer within " + timeout.toMillis() + " ms (request aborted)", NO_CODE);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
