package io.pinfold.pin.tx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** pinfold.api.conflict-retry.*: how an API transaction that PostgreSQL aborted for a conflict is run again. */
@ConfigMapping(prefix = "pinfold.api.conflict-retry")
public interface ConflictRetryConfig {

    /** Runs of one transaction in all, the first included (1: never run again). */
    @WithDefault("4")
    int maxAttempts();

    /** Pause before the second run, doubling (with jitter) per run. */
    @WithDefault("20ms")
    Duration initialBackoff();

    /** Longest pause between two runs. */
    @WithDefault("200ms")
    Duration maxBackoff();
}
