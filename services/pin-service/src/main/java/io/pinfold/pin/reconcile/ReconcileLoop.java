package io.pinfold.pin.reconcile;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This copy's reconciler, driven by the scheduler: a tick every pinfold.reconcile.interval (the reconciler checks
 * its leases on a timer of its own in between; work also starts between ticks when a call ends or new rows arrive), and the pins/lag metrics. Off with pinfold.reconcile.enabled=false. On shutdown it gives its leases back.
 */
@ApplicationScoped
public class ReconcileLoop {
    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);
    private final Reconciler reconciler;
    private final ReconcileConfig config;
    private final ReconcileStats stats;

    private final DueNotifications notifications;

    public ReconcileLoop(Reconcilers reconcilers, ReconcileConfig config, ReconcileStats stats, DueNotifications notifications) {
        this.reconciler = reconcilers.create("pin-service-" + UUID.randomUUID(), reconcilers.kubo());
        this.config = config;
        this.stats = stats;
        this.notifications = notifications;
    }

    /** New node pins start at once on the nodes this copy holds, not at the next tick. */
    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            notifications.listen(reconciler::wake);
        }
    }

    @Scheduled(every = "${pinfold.reconcile.interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return reconciler.tick().onFailure().invoke(failure -> LOG.warnf("reconcile tick failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${pinfold.reconcile.metrics-interval:15s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshMetrics() {
        return stats.refresh().onFailure().recoverWithNull();
    }

    void onStop(@Observes ShutdownEvent event) {
        notifications.close();
        reconciler.stop();
        try {
            reconciler.leases().releaseAll().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("reconcile leases not given back (they expire after %s): %s", config.leaseTtl(), e.getMessage());
        }
    }

    Reconciler reconciler() {
        return reconciler;
    }
}
