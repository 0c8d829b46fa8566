package io.pinfold.gc.run;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.events.gc.GcStarted;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.reclaim.ReclaimableRoots;
import io.pinfold.gc.strategy.RunTotals;
import io.pinfold.outbox.Outbox;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Drives a started run to its end in the background: waits until the drain is on pinfold.nodes, publishes
 * gc.started, lets the strategy collect (gc.progress every progress-interval), renews the lease meanwhile (and stops
 * the collection the moment the lease is lost), then closes the run, returning the node whether GC succeeded or not.
 * If this copy dies on the way, the lease expires and {@link LeaseReaper} on any copy does the closing.
 */
@ApplicationScoped
public class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final Vertx vertx;
    private final Pool pool;
    private final KuboClients kubo;
    private final NodeLeases leases;
    private final RunClosing closing;
    private final ReclaimableRoots roots;
    private final Outbox outbox;
    private final GcMetrics metrics;
    private final GcConfig config;
    private final Tracer tracer;

    public RunExecutor(Vertx vertx, Pool pool, KuboClients kubo, NodeLeases leases, RunClosing closing,
                       ReclaimableRoots roots, Outbox outbox, GcMetrics metrics, GcConfig config, Tracer tracer) {
        this.vertx = vertx;
        this.pool = pool;
        this.kubo = kubo;
        this.leases = leases;
        this.closing = closing;
        this.roots = roots;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
        this.tracer = tracer;
    }

    /** Starts driving the run on a Vert.x context of its own; returns at once. */
    void launch(StartedRun run) {
        if (run.view().outcome().equals(GcRun.DRY_RUN)) {
            return;
        }
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // A context of the run's own, marked safe so Hibernate Reactive sessions may live on it.
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = command -> context.runOnContext(ignored -> command.run());
        Span span = tracer.spanBuilder("gc.run").setSpanKind(SpanKind.INTERNAL)
                .setAttribute("pinfold.node.id", run.nodeId())
                .setAttribute("pinfold.gc.run.id", run.runId().toString())
                .setAttribute("pinfold.gc.mode", run.strategy().mode().json())
                .startSpan();
        metrics.started();
        context.runOnContext(ignored -> {
            try (Scope scope = Context.current().with(span).makeCurrent()) {
                drive(run, onContext).subscribe().with(
                        outcome -> {
                            span.setAttribute("pinfold.gc.outcome", outcome);
                            span.end();
                            metrics.ended();
                        },
                        failure -> {
                            // The closing transaction failed: the lease expires and the reaper closes the run.
                            LOG.errorf("GC run %s on %s could not be closed (%s); its lease will expire and any copy returns the node",
                                    run.runId(), run.nodeId(), failure.getMessage());
                            span.recordException(failure);
                            span.setStatus(StatusCode.ERROR);
                            span.end();
                            metrics.ended();
                        });
            }
        });
    }

    private Uni<String> drive(StartedRun run, Executor onContext) {
        AtomicReference<RunTotals> totals = new AtomicReference<>(RunTotals.NONE);
        Uni<Void> work = awaitDrainPublished(run)
                .emitOn(onContext)
                .chain(() -> Panache.withTransaction(() -> outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE,
                        new GcStarted(run.runId().toString(), run.nodeId(), run.strategy().mode(), run.drained())))))
                .chain(() -> collect(run, totals, onContext));
        // The lease is renewed from the moment it was taken, the wait for the drain included.
        return Uni.combine().any().of(work, leaseLost(run))
                .emitOn(onContext)
                .chain(() -> roots.forgetCollected(run.nodeId(), run.startedAt()))
                .chain(() -> closing.closeOwn(run.nodeId(), run.runId(), run.drained(), GcRun.COMPLETED, totals.get(), null))
                .map(closed -> GcRun.COMPLETED)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("GC run %s on %s failed: %s", run.runId(), run.nodeId(), failure.getMessage());
                    Span.current().recordException(failure);
                    // A fresh context: work cancelled in the middle of a transaction may have left its session on the old one.
                    return Uni.createFrom().voidItem().emitOn(freshContext())
                            .chain(() -> closing.closeOwn(run.nodeId(), run.runId(), run.drained(), GcRun.FAILED,
                                    totals.get(), describe(failure)))
                            .map(closed -> GcRun.FAILED);
                });
    }

    private Executor freshContext() {
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return command -> context.runOnContext(ignored -> command.run());
    }

    private Uni<Void> collect(StartedRun run, AtomicReference<RunTotals> totals, Executor onContext) {
        long every = config.progressInterval().toNanos();
        // the first removed block is reported at once (GC has begun removing), then at most once per interval
        AtomicLong lastReport = new AtomicLong(System.nanoTime() - every);
        Multi<RunTotals> work = run.strategy().collect(run.nodeId(), kubo.forNode(run.rpcUrl()));
        return work.emitOn(onContext)
                .onItem().call(current -> {
                    totals.set(current);
                    long now = System.nanoTime();
                    if (now - lastReport.get() < every) {
                        return Uni.createFrom().voidItem();
                    }
                    lastReport.set(now);
                    return progress(run, current);
                })
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> progress(StartedRun run, RunTotals current) {
        return Panache.withTransaction(() -> GcRun.update("blocksRemoved = ?1, bytesFreed = ?2 where id = ?3",
                        current.blocksRemoved(), current.bytesFreed(), run.runId())
                .call(() -> outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE, new GcProgress(run.runId().toString(),
                        run.nodeId(), current.blocksRemoved(), current.bytesFreed(), 0, null, current.elapsedMillis()))))
                .replaceWithVoid());
    }

    /**
     * Renews the lease every third of its TTL; fails (stopping the collection) once it is no longer this run's, or
     * once no renewal succeeded for 80% of the TTL (the database is out of reach, so another copy may soon reap it).
     */
    private Uni<Void> leaseLost(StartedRun run) {
        long believe = config.leaseTtl().toNanos() * 8 / 10;
        AtomicLong renewed = new AtomicLong(System.nanoTime());
        return Multi.createFrom().ticks().every(config.leaseTtl().dividedBy(3))
                // a renewal slower than the tick (a loaded database) skips ticks instead of failing the run
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> {
                    long asked = System.nanoTime();
                    return leases.renew(run.nodeId(), run.runId())
                            .invoke(held -> {
                                if (held) {
                                    renewed.set(asked);
                                }
                            })
                            .onFailure().recoverWithItem(() -> System.nanoTime() - renewed.get() < believe);
                })
                .filter(held -> !held)
                .toUni()
                .chain(lost -> Uni.createFrom().<Void>failure(new IllegalStateException("lease on node " + run.nodeId()
                        + " lost (not renewed within pinfold.gc.lease-ttl); GC stopped and the node returned by another copy")));
    }

    /** Waits until the relay published the drain (its outbox row is gone), so GC never starts before the pool hears. */
    private Uni<Void> awaitDrainPublished(StartedRun run) {
        if (run.drainEventId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> pool.preparedQuery("SELECT 1 FROM outbox_event WHERE event_id = $1")
                        .execute(Tuple.of(run.drainEventId())))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().<Void>failure(new DrainPending()))
                .onFailure(DrainPending.class).retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(250))
                .expireIn(config.drainPublishTimeout().toMillis())
                .onFailure(DrainPending.class).transform(pending -> new IllegalStateException(
                        "the drain of node " + run.nodeId() + " did not reach pinfold.nodes within pinfold.gc.drain-publish-timeout ("
                                + config.drainPublishTimeout() + "); GC not started"));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    private static final class DrainPending extends RuntimeException {
        DrainPending() {
            super("drain not yet published", null, false, false);
        }
    }
}
