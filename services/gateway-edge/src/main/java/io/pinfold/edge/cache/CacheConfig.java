package io.pinfold.edge.cache;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hot-content cache (pinfold.edge.cache.*; defaults documented in application.properties and README). */
@ConfigMapping(prefix = "pinfold.edge.cache")
public interface CacheConfig {

    /** Whether immutable answers are kept and served from memory at all. */
    @WithDefault("true")
    boolean enabled();

    /** Bytes the cache holds in all (bodies, headers and keys, weighed as they are stored). */
    @WithDefault("128M")
    MemorySize maxBytes();

    /** Largest body kept; a longer answer streams through without being kept. */
    @WithDefault("2M")
    MemorySize maxObjectBytes();
}
