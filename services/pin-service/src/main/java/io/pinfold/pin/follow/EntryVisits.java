package io.pinfold.pin.follow;

import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.pin.follow.resolve.ResolutionFailedException;
import io.pinfold.pin.follow.resolve.TargetResolver;
import io.pinfold.pin.reconcile.FreshContext;
import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * One copy's visits of the entries it claimed: resolve (outside any transaction, within the resolve timeout), then
 * record the outcome ({@link EntryOutcomes}). A pin the outcome needs but cannot have (quota used up, content on the
 * denylist) makes the resolution a failure with that reason, recorded in a transaction of its own; pins stay.
 */
public class EntryVisits {
    private static final Logger LOG = Logger.getLogger(EntryVisits.class);
    private final EntryLeases leases;
    private final TargetResolver resolver;
    private final EntryOutcomes outcomes;
    private final FollowConfig config;
    private final Vertx vertx;

    public EntryVisits(EntryLeases leases, TargetResolver resolver, EntryOutcomes outcomes, FollowConfig config, Vertx vertx) {
        this.leases = leases;
        this.resolver = resolver;
        this.outcomes = outcomes;
        this.config = config;
        this.vertx = vertx;
    }

    public EntryLeases leases() {
        return leases;
    }

    /** Claims due entries and visits them, pinfold.follow.concurrency at a time; answers how many were recorded. */
    public Uni<Integer> tick() {
        return leases.claimDue(config.batchSize()).chain(claims -> visitAll(claims, "schedule")).map(List::size);
    }

    /** Resolves every entry of the list now (those another copy holds at this moment are left to it). */
    public Uni<List<FollowResolution>> resolveList(java.util.UUID listId) {
        return leases.claimList(listId).chain(claims -> visitAll(claims, "demand"));
    }

    private Uni<List<FollowResolution>> visitAll(List<EntryLeases.Claim> claims, String trigger) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(claims)
                .onItem().transformToUni(claim -> FreshContext.run(vertx, () -> visit(claim, trigger)))
                .merge(Math.max(1, config.concurrency()))
                .collect().asList()
                .map(all -> all.stream().filter(Objects::nonNull).toList());
    }

    /** Never fails: a visit that cannot be recorded hands its claim back and is tried again at the next tick. */
    Uni<FollowResolution> visit(EntryLeases.Claim claim, String trigger) {
        // Lookups may complete on their own threads (dnsjava's): the outcome is written back on this visit's context,
        // where Hibernate Reactive keeps its session.
        Context context = Vertx.currentContext();
        Uni<EntryOutcomes.Result> result = (claim.resolve() ? resolve(claim) : Uni.createFrom().item(EntryOutcomes.Result.unpinOnly()))
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
        return result.chain(outcome -> outcomes.record(claim, trigger, outcome)
                        .onFailure(failure -> failure instanceof RequestRejected || failure instanceof InvalidEventException)
                        .recoverWithUni(refused -> outcomes.record(claim, trigger,
                                new EntryOutcomes.Result(null, (outcome.resolved() == null ? "unpinning" : "pin of " + outcome.resolved().path())
                                        + " refused: " + refused.getMessage(),
                                        outcome.durationMs()))))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("follow entry %s: could not record its resolution (claim handed back): %s", claim.entryId(), failure.toString());
                    return leases.release(claim).onFailure().recoverWithNull().replaceWith((FollowResolution) null);
                });
    }

    private Uni<EntryOutcomes.Result> resolve(EntryLeases.Claim claim) {
        long started = System.nanoTime();
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> FollowEntry.<FollowEntry>findById(claim.entryId()))
                .chain(entry -> entry == null ? Uni.createFrom().failure(new ResolutionFailedException("entry removed"))
                        : resolver.resolve(entry.parsedTarget()))
                .map(resolved -> new EntryOutcomes.Result(resolved, null, elapsedMs(started)))
                .onFailure().recoverWithItem(failure -> new EntryOutcomes.Result(null, reason(failure), elapsedMs(started)));
    }

    private static String reason(Throwable failure) {
        return failure instanceof ResolutionFailedException || failure instanceof RequestRejected
                ? failure.getMessage() : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
