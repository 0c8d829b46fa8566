package io.pinfold.gc.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Closes the runs of gc-service copies that died: a lease not renewed within pinfold.gc.lease-ttl is deleted, its
 * run recorded as abandoned and its drained node returned to active, one lease per transaction. Every copy reaps;
 * row locks (SKIP LOCKED) keep two copies off the same lease.
 */
@ApplicationScoped
public class LeaseReaper {
    private static final Logger LOG = Logger.getLogger(LeaseReaper.class);
    private static final int MOST_PER_TICK = 50;

    private final NodeLeases leases;
    private final RunClosing closing;

    public LeaseReaper(NodeLeases leases, RunClosing closing) {
        this.leases = leases;
        this.closing = closing;
    }

    @Scheduled(every = "${pinfold.gc.reap-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reapExpired() {
        return reapOne(MOST_PER_TICK)
                .onFailure().invoke(failure -> LOG.warnf("reaping expired GC leases failed, next tick tries again: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> reapOne(int left) {
        if (left == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> leases.takeOneExpired().chain(expired -> expired
                        .map(lease -> closing.closeAbandoned(lease).map(run -> {
                            closing.count(run);
                            LOG.warnf("GC run %s on node %s abandoned (its copy stopped renewing the lease)%s", lease.runId(),
                                    lease.nodeId(), lease.drained() ? "; node returned to active" : "");
                            return Optional.of(lease);
                        }))
                        .orElse(Uni.createFrom().item(Optional.<NodeLeases.Held>empty()))))
                .chain(reaped -> reaped.isPresent() ? reapOne(left - 1) : Uni.createFrom().voidItem());
    }
}
