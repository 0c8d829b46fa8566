package io.pinfold.takedown.notice;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the public intake: {@code notices} at once, refilled at one per
 * {@code window / notices}. In memory and per service copy (N copies allow N times the rate): intake abuse is
 * a nuisance to slow down, not a guarantee to keep, so no shared store is worth its cost here.
 */
@ApplicationScoped
public class IntakeRateLimiter {
    /** Above this many addresses, full (idle) buckets are dropped, so a scan of many addresses cannot grow memory without end. */
    static final int PRUNE_ABOVE = 100_000;

    private final int capacity;
    private final long nanosPerToken;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public IntakeRateLimiter(IntakeConfig config) {
        this.capacity = Math.max(1, config.rateLimit().notices());
        this.nanosPerToken = Math.max(1, config.rateLimit().window().toNanos() / capacity);
    }

    /** Empty when the address may file a notice now (one is taken), else how long until it may. */
    public Optional<Duration> acquire(String address) {
        long now = System.nanoTime();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(capacity, now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) ((1 - tokens) * nanosPerToken)));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerToken);
            updated = now;
        }
    }
}
