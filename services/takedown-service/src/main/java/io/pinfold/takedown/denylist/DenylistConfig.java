package io.pinfold.takedown.denylist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How takedown-service writes its denylist (keys documented in application.properties and README). */
@ConfigMapping(prefix = "pinfold.denylist")
public interface DenylistConfig {
    /**
     * Publish exact entries double-hashed (IPIP-383 {@code //<sha2-256 multihash>}), so the published list does not
     * say what it blocks. Prefix rules cannot be hashed and stay plain.
     */
    @WithDefault("false")
    boolean doubleHash();
}
