package io.pinfold.pin.reconcile;

import java.time.Duration;

/** Wait before the next attempt: initial × 2^(attempts − 1), capped. Pure, so its numbers are tested directly. */
public record RetryBackoff(Duration initial, Duration max) {

    /** @param attempts attempts made so far (1 after the first) */
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
