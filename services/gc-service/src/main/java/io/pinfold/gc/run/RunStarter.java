package io.pinfold.gc.run;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.gc.GcPlanned;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.node.GcNode;
import io.pinfold.gc.placement.PinPlacements;
import io.pinfold.gc.policy.PolicyService;
import io.pinfold.outbox.Outbox;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Starts a run in one transaction: takes the node's lease (refusing while another run holds it), checks the drain
 * rule, records the run and puts gc.planned and the node's drain into the outbox. Starts are serialized across copies
 * by an advisory lock, so two copies never both drain "the other" node of a pool of two.
 */
@ApplicationScoped
public class RunStarter {
    private final NodeLeases leases;
    private final PinPlacements placements;
    private final RunClosing closing;
    private final Outbox outbox;
    private final GcConfig config;

    public RunStarter(NodeLeases leases, PinPlacements placements, RunClosing closing, Outbox outbox, GcConfig config) {
        this.leases = leases;
        this.placements = placements;
        this.closing = closing;
        this.outbox = outbox;
        this.config = config;
    }

    @WithSpan("gc.run.start")
    Uni<StartedRun> start(RunPlan plan) {
        Span.current().setAttribute("pinfold.node.id", plan.nodeId());
        Span.current().setAttribute("pinfold.gc.trigger", plan.trigger().json());
        return Panache.withTransaction(() -> GcNode.<GcNode>findById(plan.nodeId()).chain(node -> {
            if (node == null) {
                throw PolicyService.unknownNode(plan.nodeId());
            }
            if (plan.dryRun()) {
                return recordDryRun(node, plan);
            }
            return leases.lockStarts()
                    .chain(() -> leases.find(node.id))
                    .chain(held -> {
                        if (held.isPresent() && !held.get().expired()) {
                            throw new RequestRejected(409, "CONFLICT", "nodeId: a GC run is already under way on node '"
                                    + node.id + "': run " + held.get().runId());
                        }
                        // The copy that held it is gone: close its run and return the node before starting anew.
                        return held.map(gone -> leases.remove(node.id)
                                        .chain(() -> closing.closeAbandoned(gone))
                                        .replaceWithVoid())
                                .orElse(Uni.createFrom().voidItem());
                    })
                    .chain(() -> plan.strategy().drainsNode() ? checkDrain(node) : Uni.createFrom().voidItem())
                    .chain(() -> begin(node, plan));
        }));
    }

    private Uni<Void> checkDrain(GcNode node) {
        if (!NodeState.ACTIVE.json().equals(node.state)) {
            throw RequestRejected.conflict("nodeId", "node '" + node.id + "' is " + node.state + "; a full GC drains only an active node");
        }
        if (node.gatewayUrl == null) {
            throw RequestRejected.conflict("nodeId", "node '" + node.id + "' has no gateway URL known yet (no record with it on "
                    + "pinfold.nodes since gc-service began keeping it); its drain could not stand alone on the compacted topic");
        }
        return placements.soleReplicasOn(node.id).chain(sole -> leases.drainRule(node.id, sole)).map(rule -> {
            rule.refusal().ifPresent(reason -> {
                throw RequestRejected.conflict("nodeId", "node '" + node.id + "' may not be drained now: " + reason);
            });
            return null;
        });
    }

    private Uni<StartedRun> begin(GcNode node, RunPlan plan) {
        GcRun run = newRun(node, plan);
        boolean drains = plan.strategy().drainsNode();
        run.drained = drains;
        run.outcome = GcRun.RUNNING;
        Span.current().setAttribute("pinfold.gc.run.id", run.id.toString());
        Instant until = Instant.now().plus(config.leaseTtl());
        EventEnvelope<NodeStateChanged> drain = drains
                ? EventEnvelope.create(PinfoldSource.GC_SERVICE, NodeAnnouncement.draining(node,
                        plan.strategy().mode().json() + " GC run " + run.id, until))
                : null;
        return leases.take(node.id, run.id, drains)
                .chain(() -> run.<GcRun>persist())
                .call(() -> outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE, planned(run, plan))))
                .call(() -> drain == null ? Uni.createFrom().voidItem() : outbox.append(drain))
                .map(saved -> new StartedRun(run.id, node.id, URI.create(node.rpcUrl), plan.strategy(), drains,
                        drain == null ? null : drain.metadata().id(), run.startedAt, GcRunView.of(run)));
    }

    private Uni<StartedRun> recordDryRun(GcNode node, RunPlan plan) {
        GcRun run = newRun(node, plan);
        run.outcome = GcRun.DRY_RUN;
        run.finishedAt = run.startedAt;
        run.durationMillis = 0L;
        return run.<GcRun>persist()
                .call(() -> outbox.append(EventEnvelope.create(PinfoldSource.GC_SERVICE, planned(run, plan))))
                .map(saved -> new StartedRun(run.id, node.id, URI.create(node.rpcUrl), plan.strategy(), false, null,
                        run.startedAt, GcRunView.of(run)));
    }

    private static GcRun newRun(GcNode node, RunPlan plan) {
        GcRun run = new GcRun();
        run.id = UUID.randomUUID();
        run.nodeId = node.id;
        run.mode = plan.strategy().mode().json();
        run.trigger = plan.trigger().json();
        run.dryRun = plan.dryRun();
        run.estimatedBytes = plan.estimatedBytes();
        run.modeReason = plan.modeReason();
        run.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return run;
    }

    private static GcPlanned planned(GcRun run, RunPlan plan) {
        return new GcPlanned(run.id.toString(), run.nodeId, plan.strategy().mode(), plan.trigger(), null, null,
                plan.estimatedBytes());
    }
}
