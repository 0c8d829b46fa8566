package io.pinfold.runtime.consume;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How every Kafka consumer of a service rides out failures (see README.md, "Configuration"). */
@ConfigMapping(prefix = "pinfold.consumer")
public interface ConsumerConfig {

    Retry retry();

    Readiness readiness();

    /** Retries of a record whose processing failed for a passing reason (database, Kubo, timeouts). */
    interface Retry {
        /** Pause before the first retry; doubles after each failed attempt. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest pause between two attempts. */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * How long one record is retried before it goes to the dead-letter topic with its last error. Long enough to
         * ride out a database restart or failover; the records after it wait meanwhile, so order is kept.
         */
        @WithDefault("2m")
        Duration maxDuration();
    }

    interface Readiness {
        /** Readiness reports DOWN while one record has been retrying for longer than this. */
        @WithDefault("30s")
        Duration stuckAfter();
    }
}
