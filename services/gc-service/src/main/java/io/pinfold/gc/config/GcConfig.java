package io.pinfold.gc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** gc-service's own settings (README, "Configuration"; application.properties names each with its default). */
@ConfigMapping(prefix = "pinfold.gc")
public interface GcConfig {

    /** How long a run's lease on its node lasts unless renewed; a dead copy's drained node returns after at most this. */
    @WithDefault("30s")
    Duration leaseTtl();

    /** How often expired leases are looked for (and their drained nodes returned to active). */
    @WithDefault("5s")
    Duration reapInterval();

    /** Most nodes drained for GC at once, across every copy. */
    @WithDefault("1")
    int maxDrained();

    /** How often policies are evaluated. */
    @WithDefault("30s")
    Duration policyInterval();

    /** How often each node's repo size is read (repo stat). */
    @WithDefault("60s")
    Duration usageInterval();

    /** Deadline for a full GC's repo gc call until its first answer (Kubo first walks every pin). */
    @WithDefault("30m")
    @io.smallrye.config.WithName("full-timeout")
    Duration fullGcTimeout();

    /** How often a running full GC reports progress (gc.progress). */
    @WithDefault("2s")
    Duration progressInterval();

    /** How long to wait for the drain to reach pinfold.nodes before GC starts; past it the run fails and the node returns. */
    @WithDefault("15s")
    Duration drainPublishTimeout();

    /** Deadline of the best-effort dag stat that sizes an unpinned root. */
    @WithDefault("10s")
    Duration dagStatTimeout();

    /** Blocks a targeted run deletes per pinfold/reclaim call: the node's GC lock is held for one batch at a time. */
    @WithDefault("256")
    int targetedBatchSize();

    /** Deadline of each Kubo call of a targeted run (live roots, one batch); walks of new roots are streamed. */
    @WithDefault("2m")
    Duration targetedCallTimeout();

    /** Times a targeted run syncs the index again because the live roots changed under it, before it gives up. */
    @WithDefault("100")
    int targetedMaxResyncs();

    /**
     * Cost model: when targeted GC is asked for but the unpinned roots hold at least this share (percent) of the repo,
     * a full GC runs instead (one sweep beats deleting most blocks one by one).
     */
    @WithDefault("50")
    int targetedMaxSharePercent();

    /** How often purge runs are started where blocked content is due to be purged. */
    @WithDefault("10s")
    Duration purgeInterval();

    /** How long a node that still pinned blocked content waits before it is looked at again (pin-status unpinned: at once). */
    @WithDefault("1m")
    Duration purgeRecheck();

    /**
     * Most blocks of roots that appeared since a targeted run's sync (pins landing during the run) the node walks under
     * the GC lock to keep what they reach; past it the batch is refused and the run syncs again outside the lock.
     */
    @WithDefault("2000")
    int targetedWalkBudget();

    /** Roots a sync of the block index walks at once (each its own Kubo refs stream and transaction). */
    @WithDefault("4")
    int indexWalkConcurrency();

    /**
     * Index a root as soon as pinfold.pin-status says it was pinned on a node (outside any run), so a targeted run
     * finds the pins that landed before it already walked; false: runs walk them in their sync.
     */
    @WithDefault("true")
    boolean indexOnPin();

    /** Most pinned roots waiting to be indexed in this copy; a pin past it is left to the next run's sync. */
    @WithDefault("10000")
    int indexOnPinBacklog();
}
