package io.pinfold.pin.follow;

import io.pinfold.pin.follow.resolve.TargetResolver;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the follow-list worker of a copy: one per copy in production; tests build several to act as several copies. */
@ApplicationScoped
public class FollowCopies {
    private final Pool pool;
    private final TargetResolver resolver;
    private final EntryOutcomes outcomes;
    private final FollowConfig config;
    private final Vertx vertx;

    public FollowCopies(Pool pool, TargetResolver resolver, EntryOutcomes outcomes, FollowConfig config, Vertx vertx) {
        this.pool = pool;
        this.resolver = resolver;
        this.outcomes = outcomes;
        this.config = config;
        this.vertx = vertx;
    }

    public EntryVisits create(String owner) {
        return new EntryVisits(new EntryLeases(pool, config.leaseTtl(), owner), resolver, outcomes, config, vertx);
    }
}
