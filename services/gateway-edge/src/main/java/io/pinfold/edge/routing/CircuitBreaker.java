package io.pinfold.edge.routing;

/**
 * One node's breaker: after {@code threshold} failures in a row it opens and the node gets no traffic for
 * {@code openNanos}; then one trial request is let through (half open): its success closes the breaker, its failure
 * opens it again. Time is passed in, so the rules are tested without waiting.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openNanos;
    private int failures;
    private long openedAt;
    private boolean trialOut;
    private long trialAt;

    public CircuitBreaker(int threshold, long openNanos) {
        this.threshold = Math.max(1, threshold);
        this.openNanos = openNanos;
    }

    /** Whether a request may go to the node now; in half-open state only the first asker gets the trial. */
    public synchronized boolean tryAcquire(long now) {
        if (failures < threshold) {
            return true;
        }
        // A trial that never reported back (its request was not sent after all) does not hold the node off for ever.
        if (now - openedAt >= openNanos && (!trialOut || now - trialAt >= openNanos)) {
            trialOut = true;
            trialAt = now;
            return true;
        }
        return false;
    }

    public synchronized void success() {
        failures = 0;
        trialOut = false;
    }

    public synchronized void failure(long now) {
        failures++;
        if (failures >= threshold) {
            openedAt = now;
            trialOut = false;
        }
    }

    public synchronized State state(long now) {
        if (failures < threshold) {
            return State.CLOSED;
        }
        return now - openedAt >= openNanos ? State.HALF_OPEN : State.OPEN;
    }
}
