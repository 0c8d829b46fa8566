package io.pinfold.pin.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** pinfold.reconcile.*: how the reconciler paces, retries, checks drift, detects dead nodes and splits work. */
@ConfigMapping(prefix = "pinfold.reconcile")
public interface ReconcileConfig {

    /** Whether this copy reconciles at all (false: an API-only copy; its share goes to the other copies). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often a copy renews its leases, probes its nodes and starts due work (work also starts between ticks when a
     * call ends or rows are inserted). Keep it well under lease-ttl / 5.
     */
    @WithDefault("1s")
    Duration interval();

    /** Due rows read per node and tick. */
    @WithDefault("100")
    int batchSize();

    /** Kubo pin add / pin rm calls running at once on one node. */
    @WithDefault("4")
    int nodeConcurrency();

    /** Attempts of one pin on one node before it is failed with the last reason. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the second attempt; doubles per attempt up to max-backoff. */
    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("10m")
    Duration maxBackoff();

    /** A pin add fails when no new block arrived for this long (e.g. content no provider has). */
    @WithDefault("2m")
    Duration fetchIdleTimeout();

    /** How often each node's real pins (pin ls) are compared with what it should hold. */
    @WithDefault("10m")
    Duration driftInterval();

    /** How long one drift check (pin ls and the comparison) may take before it is abandoned and tried again later. */
    @WithDefault("5m")
    Duration driftTimeout();

    /** How long a node may not answer before it is marked down and its pins move to other nodes. */
    @WithDefault("60s")
    Duration downGrace();

    /** Deadline of the liveness probe (Kubo id) sent to each leased node every interval. */
    @WithDefault("3s")
    Duration probeTimeout();

    /** How long a copy's claim on a node (and its membership) lasts without renewal; a killed copy's nodes are taken over after it. */
    @WithDefault("15s")
    Duration leaseTtl();

    /** How often pins by node and status, and each node's reconcile lag, are read for the metrics. */
    @WithDefault("15s")
    Duration metricsInterval();
}
