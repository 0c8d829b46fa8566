package io.pinfold.edge.limits;

/**
 * One client's token bucket: {@code capacity} tokens, refilled at {@code perSecond}; a request takes one. Time is passed
 * in (nanoseconds), so the rules are tested without waiting. Thread-safe.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedAt;

    public TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until one will be (nothing taken). */
    public synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Full again: the client has been quiet long enough that forgetting it changes nothing. */
    public synchronized boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
        }
    }
}
