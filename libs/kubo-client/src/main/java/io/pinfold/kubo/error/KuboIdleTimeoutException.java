package io.pinfold.kubo.error;

import java.time.Duration;

/**
 * A streamed answer had begun but then made no progress for its idle timeout: no bytes (or, for
 * {@code pin add --progress}, no new block) arrived. The HTTP request was reset, so Kubo stops the
 * work and the half-read connection is never reused. {@link #timeout()} is the idle timeout.
 */
public final class KuboIdleTimeoutException extends KuboTimeoutException {

    public KuboIdleTimeoutException(String call, Duration idleTimeout) {
        super(call, "no progress for " + idleTimeout.toMillis() + " ms after the answer began (request aborted)",
                idleTimeout);
    }
}
