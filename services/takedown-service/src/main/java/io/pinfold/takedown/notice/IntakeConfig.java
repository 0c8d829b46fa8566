package io.pinfold.takedown.notice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the public notice intake (keys and defaults documented in application.properties and README). */
@ConfigMapping(prefix = "pinfold.notices")
public interface IntakeConfig {
    /** Largest POST /notices body in bytes. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Most targets in one notice (the notice.received contract allows 100). */
    @WithDefault("100")
    int maxTargets();

    /** Most evidence links in one notice. */
    @WithDefault("20")
    int maxEvidence();

    RateLimit rateLimit();

    interface RateLimit {
        /** Notices one client address may file per window (a token bucket: this many at once, then one per window/notices). */
        @WithDefault("10")
        int notices();

        @WithDefault("1h")
        Duration window();
    }
}
