package io.pinfold.edge.cache;

import java.util.Optional;

/**
 * Immutable gateway answers kept by request, bounded in bytes. Only storage: what may be kept, and whether a kept
 * answer may be served (the denylist), is decided by the caller. Thread-safe. An implementation on the heap now;
 * off-heap or disk ones would fit behind the same calls.
 */
public interface ContentCache {

    Optional<CachedAnswer> get(CacheKey key);

    /** Keeps the answer, evicting the least useful ones while the total is over the bound. */
    void put(CacheKey key, CachedAnswer answer);

    void invalidate(CacheKey key);

    /** Bytes held now (as weighed). */
    long bytes();

    long entries();
}
