package io.pinfold.edge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@link ContentCache} on the heap with Caffeine (W-TinyLFU admission and eviction, bounded by weight): each entry
 * weighs its body, headers and key in bytes, and the total stays under {@code pinfold.edge.cache.max-bytes}. Meters:
 * gauges {@code pinfold.edge.cache.bytes} and {@code pinfold.edge.cache.entries}, counter
 * {@code pinfold.edge.cache.evictions} (entries dropped to stay under the bound).
 */
@ApplicationScoped
public class CaffeineContentCache implements ContentCache {
    private final Cache<CacheKey, CachedAnswer> cache;
    private final OwnedGauges gauges;

    @Inject
    public CaffeineContentCache(CacheConfig config, MeterRegistry registry) {
        this(config.maxBytes().asLongValue(), registry);
    }

    CaffeineContentCache(long maxBytes, MeterRegistry registry) {
        Counter evictions = Counter.builder("pinfold.edge.cache.evictions")
                .description("entries the hot-content cache dropped to stay under its size in bytes").register(registry);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CachedAnswer answer) -> key.weight() + answer.weight())
                // Upkeep runs on the calling thread (an event loop, a few microseconds), not on a pool shared with others.
                .executor(Runnable::run)
                .evictionListener((CacheKey key, CachedAnswer answer, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictions.increment();
                    }
                })
                .build();
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.cache.bytes", "bytes the hot-content cache holds (bodies, headers, keys)", Tags.empty(),
                this, ContentCache::bytes);
        gauges.register("pinfold.edge.cache.entries", "answers the hot-content cache holds", Tags.empty(), this, ContentCache::entries);
    }

    @Override
    public Optional<CachedAnswer> get(CacheKey key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(CacheKey key, CachedAnswer answer) {
        cache.put(key, answer);
    }

    @Override
    public void invalidate(CacheKey key) {
        cache.invalidate(key);
    }

    @Override
    public long bytes() {
        return cache.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    @Override
    public long entries() {
        return cache.estimatedSize();
    }

    /** Upkeep now (tests: evictions happen as entries come, but Caffeine may settle them a little later). */
    void cleanUp() {
        cache.cleanUp();
    }

    @PreDestroy
    void close() {
        gauges.close();
        cache.invalidateAll();
    }
}
