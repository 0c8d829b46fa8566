package io.pinfold.gc.run;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.gc.GcCompleted;
import io.pinfold.events.gc.GcFailed;
import io.pinfold.events.gc.GcMode;
import io.pinfold.events.node.NodeState;
import io.pinfold.gc.node.GcNode;
import io.pinfold.gc.strategy.RunTotals;
import io.pinfold.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Ends a run inside the caller's transaction: its outcome and totals in gc_run, gc.completed or gc.failed, and a
 * drained node back to active on pinfold.nodes, all committed together, so a node is never left drained by a run
 * that is over (the lease row goes in the same transaction).
 */
@ApplicationScoped
public class RunClosing {
    private final Outbox outbox;
    private final GcMetrics metrics;
    private final NodeLeases leases;

    public RunClosing(Outbox outbox, GcMetrics metrics, NodeLeases leases) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.leases = leases;
    }

    /** Must run inside a transaction; {@code error} null means completed. The run as closed, or null if it was already. */
    Uni<GcRun> close(String nodeId, UUID runId, boolean drained, String outcome, RunTotals totals, String error) {
        return GcRun.<GcRun>findById(runId).chain(run -> {
            if (run == null || !GcRun.RUNNING.equals(run.outcome)) {
                return returnNode(runId, drained, outcome, nodeId).replaceWith((GcRun) null);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            run.outcome = outcome;
            run.error = error;
            run.blocksRemoved = Math.max(run.blocksRemoved, totals.blocksRemoved());
            run.bytesFreed = Math.max(run.bytesFreed, totals.bytesFreed());
            run.lockMillis = totals.lockMillis();
            run.durationMillis = Duration.between(run.startedAt, now).toMillis();
            run.finishedAt = now;
            GcMode mode = GcMode.fromJson(run.mode);
            var event = error == null
                    ? new GcCompleted(runId.toString(), run.nodeId, mode, run.blocksRemoved, run.bytesFreed, run.durationMillis)
                    : new GcFailed(runId.toString(), run.nodeId, mode, error, GcRun.ABANDONED.equals(outcome),
                            run.blocksRemoved, run.bytesFreed);
            return run.<GcRun>persist()
                    .call(() -> outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE, event)))
                    .call(() -> returnNode(runId, drained, outcome, nodeId));
        });
    }

    private Uni<Void> returnNode(UUID runId, boolean drained, String outcome, String nodeId) {
        if (!drained || nodeId == null) {
            return Uni.createFrom().voidItem();
        }
        return GcNode.<GcNode>findById(nodeId).chain(node -> {
            // Gone from the registry, or marked down by pin-service meanwhile: not ours to make active.
            if (node == null || NodeState.DOWN.json().equals(node.state) || node.gatewayUrl == null) {
                return Uni.createFrom().voidItem();
            }
            return outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE,
                    NodeAnnouncement.returned(node, "GC run " + runId + " " + outcome)));
        });
    }

    /**
     * Closes a run this copy drove, giving its lease up in the same transaction. When the lease is no longer ours,
     * the copy that reaped it closed the run already and nothing is written. Counts the run once it committed.
     */
    Uni<GcRun> closeOwn(String nodeId, UUID runId, boolean drained, String outcome, RunTotals totals, String error) {
        return Panache.withTransaction(() -> leases.release(nodeId, runId).chain(released -> released
                        ? close(nodeId, runId, drained, outcome, totals, error)
                        : Uni.createFrom().item((GcRun) null)))
                .invoke(this::count);
    }

    /** Closes a run whose lease expired (the caller deleted the row), inside the caller's transaction. */
    Uni<GcRun> closeAbandoned(NodeLeases.Held lease) {
        return close(lease.nodeId(), lease.runId(), lease.drained(), GcRun.ABANDONED, RunTotals.NONE, ABANDONED_REASON);
    }

    static final String ABANDONED_REASON = "abandoned: the gc-service copy running it stopped renewing its lease";

    void count(GcRun run) {
        if (run != null) {
            metrics.finished(run);
        }
    }
}
