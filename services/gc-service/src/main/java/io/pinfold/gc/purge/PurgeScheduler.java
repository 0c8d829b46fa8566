package io.pinfold.gc.purge;

import io.pinfold.events.gc.GcMode;
import io.pinfold.events.gc.GcTrigger;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.run.GcRuns;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Every pinfold.gc.purge-interval, starts a purge run on each active node with a purge due: blocked content never
 * looked at there, looked at longer than pinfold.gc.purge-recheck ago (the node still pinned it), or unpinned there
 * since (pin-status). A started run defers the node's next one by the recheck interval (unless an unpin wakes it), so a
 * node whose purge keeps failing is not tried every tick. A node that is down gets its run when it is announced active again; nodes announced after the
 * content was blocked are covered too. The node lease keeps it to one run per node across copies.
 */
@ApplicationScoped
public class PurgeScheduler {
    private static final Logger LOG = Logger.getLogger(PurgeScheduler.class);

    private final PurgeLedger ledger;
    private final GcRuns runs;
    private final GcConfig config;

    public PurgeScheduler(PurgeLedger ledger, GcRuns runs, GcConfig config) {
        this.ledger = ledger;
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(every = "${pinfold.gc.purge-interval:10s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeDue() {
        return ledger.coverNodes()
                .chain(() -> ledger.nodesDue(config.purgeRecheck()))
                .onItem().transformToMulti(nodes -> Multi.createFrom().iterable(nodes))
                .onItem().transformToUniAndConcatenate(nodeId -> startOn(nodeId)
                        .onFailure(RequestRejected.class).recoverWithNull())
                .collect().last().replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("starting purge runs failed, next tick tries again: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> startOn(String nodeId) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        return runs.start(nodeId, GcMode.PURGE, GcTrigger.BLOCKED, false)
                .invoke(run -> LOG.infof("purge run %s on %s started", run.id(), nodeId))
                .call(run -> ledger.attempted(nodeId, at))
                .replaceWithVoid();
    }
}
