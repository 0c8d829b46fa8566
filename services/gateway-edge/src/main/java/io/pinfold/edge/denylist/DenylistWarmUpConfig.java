package io.pinfold.edge.denylist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Warming the denylist's apply path at start (pinfold.edge.denylist.*; defaults documented in README). */
@ConfigMapping(prefix = "pinfold.edge.denylist")
public interface DenylistWarmUpConfig {

    /** Synthetic entries (and their tombstones) run through the apply path at start on a scratch denylist; 0: none. */
    @WithDefault("1000")
    int warmUpRecords();
}
