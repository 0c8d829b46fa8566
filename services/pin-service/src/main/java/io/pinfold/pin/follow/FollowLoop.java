package io.pinfold.pin.follow;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/** This copy's follow-list worker on the scheduler: every pinfold.follow.tick it claims and visits due entries. */
@ApplicationScoped
public class FollowLoop {
    private static final Logger LOG = Logger.getLogger(FollowLoop.class);
    private final EntryVisits visits;
    private final FollowConfig config;

    public FollowLoop(FollowCopies copies, FollowConfig config) {
        this.visits = copies.create("pin-service-" + UUID.randomUUID());
        this.config = config;
    }

    @Scheduled(every = "${pinfold.follow.tick:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return visits.tick().onFailure().invoke(failure -> LOG.warnf("follow tick failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** This copy's worker (the API's on-demand resolutions go through it too). */
    public EntryVisits visits() {
        return visits;
    }
}
