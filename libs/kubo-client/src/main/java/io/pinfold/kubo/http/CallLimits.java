package io.pinfold.kubo.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a call may take.
 *
 * @param timeout the whole answer of a single-answer call; the wait for the first answer of a streamed call
 * @param streamIdleTimeout how long a streamed answer, once begun, may go without progress (no bytes,
 *     or for {@code pin add --progress} no new block) before it is aborted
 */
public record CallLimits(Duration timeout, Duration streamIdleTimeout) {

    public CallLimits {
        requirePositive("timeout", timeout);
        requirePositive("streamIdleTimeout", streamIdleTimeout);
    }

    public CallLimits withTimeout(Duration newTimeout) {
        return new CallLimits(newTimeout, streamIdleTimeout);
    }

    public CallLimits withStreamIdleTimeout(Duration newIdleTimeout) {
        return new CallLimits(timeout, newIdleTimeout);
    }

    /** Throws IllegalArgumentException naming the setting when {@code value} is not a positive duration. */
    public static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("kubo " + name + ": must be positive, got " + value);
        }
    }
}
