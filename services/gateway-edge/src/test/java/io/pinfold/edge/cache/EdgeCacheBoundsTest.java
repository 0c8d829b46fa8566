package io.pinfold.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache's bounds, on the class alone: its total in bytes, the largest object, and the budget for bodies being copied. */
class EdgeCacheBoundsTest {
    private static final int KIB = 1024;

    private static CacheKey key(int i) {
        return new CacheKey("/ipfs/bafy" + i, null, null, null, null);
    }

    private static CachedAnswer answer(int bytes) {
        return new CachedAnswer(List.of(Map.entry("Content-Type", "application/octet-stream")), Buffer.buffer(new byte[bytes]), List.of());
    }

    @Test
    void theTotalStaysUnderMaxBytesAndEvictionsAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CaffeineContentCache cache = new CaffeineContentCache(1024 * KIB, registry);
        for (int i = 0; i < 40; i++) {
            cache.put(key(i), answer(100 * KIB));
            cache.cleanUp();
            assertThat(cache.bytes()).as("after %d puts", i + 1).isLessThanOrEqualTo(1024 * KIB);
        }
        assertThat(cache.entries()).isBetween(5L, 10L);
        assertThat(registry.get("pinfold.edge.cache.evictions").counter().count()).isGreaterThanOrEqualTo(30);
        assertThat(registry.get("pinfold.edge.cache.bytes").gauge().value()).isEqualTo(cache.bytes());
        assertThat(registry.get("pinfold.edge.cache.entries").gauge().value()).isEqualTo(cache.entries());

        cache.put(key(99), answer(2048 * KIB));
        cache.cleanUp();
        assertThat(cache.get(key(99))).as("an answer heavier than the whole cache").isEmpty();
        assertThat(cache.bytes()).isLessThanOrEqualTo(1024 * KIB);
    }

    @Test
    void aBodyOverMaxObjectBytesIsNotKeptAndFreesItsKey() {
        CaffeineContentCache store = new CaffeineContentCache(8 * 1024 * KIB, new SimpleMeterRegistry());
        EdgeCache cache = new EdgeCache(store, true, 64 * KIB, 2 * 1024 * KIB, new SimpleMeterRegistry());

        assertThat(cache.fill(key(1), List.of(), List.of(), 64 * KIB + 1)).as("announced over the limit").isEmpty();

        CacheFill unknown = cache.fill(key(1), List.of(), List.of(), -1).orElseThrow();
        for (int i = 0; i < 5; i++) {
            unknown.append(Buffer.buffer(new byte[16 * KIB])); // 80 KiB in all: over the limit at the fifth chunk
        }
        unknown.complete();
        assertThat(store.get(key(1))).isEmpty();
        assertThat(cache.fillBytes()).as("budget given back").isZero();

        CacheFill atLimit = cache.fill(key(1), List.of(), List.of(), -1).orElseThrow(); // the key is free again
        for (int i = 0; i < 4; i++) {
            atLimit.append(Buffer.buffer(new byte[16 * KIB]));
        }
        atLimit.complete();
        assertThat(store.get(key(1))).map(kept -> kept.body().length()).contains(64 * KIB);
        assertThat(cache.fillBytes()).isZero();
    }

    @Test
    void aShortOrCutBodyIsNotKeptAndOneKeyIsCopiedOnceAtATime() {
        CaffeineContentCache store = new CaffeineContentCache(8 * 1024 * KIB, new SimpleMeterRegistry());
        EdgeCache cache = new EdgeCache(store, true, 64 * KIB, 100 * KIB, new SimpleMeterRegistry());

        CacheFill shortBody = cache.fill(key(1), List.of(), List.of(), 10 * KIB).orElseThrow();
        assertThat(cache.fill(key(1), List.of(), List.of(), 10 * KIB)).as("the same key while it is being copied").isEmpty();
        shortBody.append(Buffer.buffer(new byte[9 * KIB]));
        shortBody.complete();
        assertThat(store.get(key(1))).as("shorter than its Content-Length").isEmpty();

        CacheFill cut = cache.fill(key(1), List.of(), List.of(), 10 * KIB).orElseThrow();
        cut.append(Buffer.buffer(new byte[5 * KIB]));
        cut.abandon();
        cut.complete();
        assertThat(store.get(key(1))).as("abandoned, then completed by mistake").isEmpty();

        Optional<CacheFill> first = cache.fill(key(2), List.of(), List.of(), 60 * KIB);
        Optional<CacheFill> second = cache.fill(key(3), List.of(), List.of(), 60 * KIB);
        assertThat(first).isPresent();
        assertThat(second).as("over the budget for bodies being copied").isEmpty();
        first.get().append(Buffer.buffer(new byte[60 * KIB]));
        first.get().complete();
        assertThat(store.get(key(2))).isPresent();
        assertThat(cache.fill(key(3), List.of(), List.of(), 60 * KIB)).as("budget given back").isPresent();
    }
}
