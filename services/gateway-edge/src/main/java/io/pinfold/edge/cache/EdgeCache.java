package io.pinfold.edge.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.ipfs.cid.Cid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hot-content cache as the gateway uses it: lookups, one fill at a time per key (concurrent misses of the same
 * content stream uncached instead of each copying it), a budget of {@code max-bytes / 4} for bodies being copied,
 * and the counter {@code pinfold.edge.cache.requests{result=hit|miss|bypass|blocked}}.
 */
@ApplicationScoped
public class EdgeCache {
    /** Start of the copy of a body whose length the node did not announce; it grows by doubling. */
    private static final int UNKNOWN_LENGTH_START = 16 * 1024;

    public enum Result { HIT, MISS, BYPASS, BLOCKED }

    private final ContentCache cache;
    private final boolean enabled;
    private final int maxObjectBytes;
    private final FillBudget budget;
    private final Set<CacheKey> filling = ConcurrentHashMap.newKeySet();
    private final Map<Result, Counter> results = new java.util.EnumMap<>(Result.class);

    @Inject
    public EdgeCache(ContentCache cache, CacheConfig config, MeterRegistry registry) {
        this(cache, config.enabled(), (int) Math.min(Integer.MAX_VALUE - 64, config.maxObjectBytes().asLongValue()),
                config.maxBytes().asLongValue() / 4, registry);
    }

    EdgeCache(ContentCache cache, boolean enabled, int maxObjectBytes, long fillBudget, MeterRegistry registry) {
        this.cache = cache;
        this.enabled = enabled;
        this.maxObjectBytes = maxObjectBytes;
        this.budget = new FillBudget(fillBudget);
        for (Result result : Result.values()) {
            results.put(result, Counter.builder("pinfold.edge.cache.requests")
                    .description("gateway requests by what the hot-content cache did: hit, miss, bypass (not cacheable), blocked (a hit the denylist stopped)")
                    .tag("result", result.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public Optional<CachedAnswer> get(CacheKey key) {
        return cache.get(key);
    }

    public void invalidate(CacheKey key) {
        cache.invalidate(key);
    }

    public void count(Result result) {
        results.get(result).increment();
    }

    /**
     * A copy of the answer about to stream, or empty: when its announced length is over the object limit, another
     * request is copying the same key already, or the budget for bodies being copied is spent.
     *
     * @param contentLength the node's Content-Length, -1 when it sent none
     */
    public Optional<CacheFill> fill(CacheKey key, List<Map.Entry<String, String>> headers, List<Cid> roots, long contentLength) {
        if (!enabled || contentLength > maxObjectBytes) {
            return Optional.empty();
        }
        long start = contentLength >= 0 ? contentLength : Math.min(UNKNOWN_LENGTH_START, maxObjectBytes);
        if (!filling.add(key)) {
            return Optional.empty();
        }
        if (!budget.reserve(start)) {
            filling.remove(key);
            return Optional.empty();
        }
        return Optional.of(new CacheFill(key, headers, roots, contentLength, maxObjectBytes, budget, start,
                answer -> cache.put(key, answer), () -> filling.remove(key)));
    }

    /** Bytes held by bodies being copied now (tests). */
    long fillBytes() {
        return budget.used();
    }
}
