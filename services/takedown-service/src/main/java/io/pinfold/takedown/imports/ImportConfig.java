package io.pinfold.takedown.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How imports of outside denylists run (keys documented in application.properties and the README). */
@ConfigMapping(prefix = "pinfold.imports")
public interface ImportConfig {
    /** Entries added or removed per transaction (each takes two advisory locks per entry: keep it well under max_locks_per_transaction × max_connections). */
    @WithDefault("500")
    int batchSize();

    /** Lines read from the list before they are written to the work table in one statement. */
    @WithDefault("5000")
    int readBatchSize();

    /** Largest list read, in bytes (URL or upload); a larger one fails the run and changes nothing. */
    @WithDefault("1073741824")
    long maxBytes();

    /** Connecting to a list's server. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** From the request to the response's headers. */
    @WithDefault("60s")
    Duration responseTimeout();

    /**
     * Longest wait for the next bytes of a list's body once its headers arrived: a server that sends nothing for
     * this long fails the run (it stops, releases the source's lease, and the next run starts over). Keep it below
     * {@link #leaseTtl()}.
     */
    @WithDefault("30s")
    Duration readTimeout();

    /** How long a run's lease on its source lasts unless renewed (every batch renews it). */
    @WithDefault("120s")
    Duration leaseTtl();

    /** How often each copy looks for scheduled sources that are due (read by ImportScheduler's @Scheduled). */
    @WithDefault("10s")
    Duration scheduleCheck();

    /** Imports running at once in one service copy; more wait in line. */
    @WithDefault("2")
    int workers();

    /** Bad lines kept per run with their number and reason (all are counted). */
    @WithDefault("1000")
    int maxReportedBadLines();

    /** A list whose first this many rule lines are all bad is refused as not a denylist. */
    @WithDefault("100")
    int probeLines();
}
