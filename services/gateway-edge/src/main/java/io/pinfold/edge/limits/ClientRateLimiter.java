package io.pinfold.edge.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address. Buckets that are full again (a quiet client) are dropped by {@link #sweep}, so
 * memory follows the clients active in the last {@code burst / rate} seconds. Written here rather than taken from a
 * rate-limit library: it is one small class, and the edge needs nothing else of one. Thread-safe.
 */
public final class ClientRateLimiter {
    private final double perSecond;
    private final double burst;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    /** 0 when the client may send this request, else the nanoseconds until it may send one. */
    public long take(String client, long now) {
        return buckets.computeIfAbsent(client, key -> new TokenBucket(burst, perSecond, now)).take(now);
    }

    /** Forgets quiet clients. */
    public void sweep(long now) {
        buckets.values().removeIf(bucket -> bucket.full(now));
    }

    public int clients() {
        return buckets.size();
    }
}
