package io.pinfold.gc.run;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.events.gc.GcTrigger;
import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.gc.node.GcNode;
import io.pinfold.gc.policy.GcPolicy;
import io.pinfold.gc.policy.PolicyRules;
import io.pinfold.gc.policy.PolicyService;
import io.pinfold.gc.reclaim.NodeUsage;
import io.pinfold.gc.reclaim.ReclaimableRoots;
import io.pinfold.gc.strategy.CostModel;
import io.pinfold.gc.strategy.GcStrategies;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Starting runs (manual and by policy) and reading their history. */
@ApplicationScoped
public class GcRuns {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final RunStarter starter;
    private final RunExecutor executor;
    private final GcStrategies strategies;
    private final PolicyRules rules;
    private final ReclaimableRoots roots;
    private final CostModel costModel;
    private final KuboClients kubo;

    private record Known(GcNode node, NodeUsage usage) {
    }

    public GcRuns(RunStarter starter, RunExecutor executor, GcStrategies strategies, PolicyRules rules, ReclaimableRoots roots,
                  CostModel costModel, KuboClients kubo) {
        this.costModel = costModel;
        this.kubo = kubo;
        this.starter = starter;
        this.executor = executor;
        this.strategies = strategies;
        this.rules = rules;
        this.roots = roots;
    }

    /** Starts a run now; 409 while another runs on the node (its id in the details). */
    @WithSpan("gc.run.manual")
    public Uni<GcRunView> startManual(@SpanAttribute("pinfold.node.id") String nodeId, RunRequest request) {
        FieldChecks checks = FieldChecks.start();
        String mode = request == null || request.mode() == null ? null : rules.checkMode(checks, request.mode());
        if (!checks.violations().isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", InvalidEventException.describe(checks.violations()));
        }
        return Panache.withSession(() -> GcPolicy.<GcPolicy>findById(nodeId))
                .chain(policy -> {
                    String chosenMode = mode != null ? mode : policy != null ? policy.mode : GcMode.FULL.json();
                    boolean dryRun = request != null && request.dryRun() != null ? request.dryRun() : policy != null && policy.dryRun;
                    return start(nodeId, GcMode.fromJson(chosenMode), GcTrigger.MANUAL, dryRun);
                });
    }

    /** Starts a run and drives it in the background; the view as started. */
    public Uni<GcRunView> start(String nodeId, GcMode mode, GcTrigger trigger, boolean dryRun) {
        if (strategies.forMode(mode).isEmpty()) {
            throw RequestRejected.badRequest("mode", "'" + mode.json() + "' GC is not implemented yet; use full or targeted");
        }
        return Panache.withSession(() -> GcNode.<GcNode>findById(nodeId)
                        .chain(node -> NodeUsage.<NodeUsage>findById(nodeId).map(usage -> new Known(node, usage))))
                .chain(known -> {
                    if (known.node() == null) {
                        throw PolicyService.unknownNode(nodeId);
                    }
                    return roots.estimatedBytes(nodeId).chain(estimate -> costModel.choose(mode,
                                    kubo.forNode(URI.create(known.node().rpcUrl)), estimate,
                                    known.usage() == null ? null : known.usage().repoSize)
                            .map(choice -> new RunPlan(nodeId, choice.strategy(), choice.reason(), trigger, dryRun, estimate)));
                })
                .chain(starter::start)
                .invoke(executor::launch)
                .map(StartedRun::view);
    }

    public Uni<GcRunView> get(String id) {
        UUID runId = parseId(id);
        return Panache.withSession(() -> GcRun.<GcRun>findById(runId)).map(run -> {
            if (run == null) {
                throw RequestRejected.notFound("runId: no GC run '" + id + "'");
            }
            return GcRunView.of(run);
        });
    }

    /** Newest first, keyset-paged on (started_at, id) so a page never shifts when runs start meanwhile. */
    public Uni<RunPage> page(String nodeId, String before, String limitText) {
        FieldChecks checks = FieldChecks.start();
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException notANumber) {
                checks.add("limit", "'" + limitText + "' is not a whole number");
            }
            checks.between("limit", limit, 1, MAX_LIMIT);
        }
        RunCursor cursor = before == null ? null : RunCursor.parse(before, checks);
        if (!checks.violations().isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", InvalidEventException.describe(checks.violations()));
        }
        int size = limit;
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters parameters = new io.quarkus.panache.common.Parameters();
        if (nodeId != null) {
            where.append(" and nodeId = :node");
            parameters.and("node", nodeId);
        }
        if (cursor != null) {
            where.append(" and (startedAt < :at or (startedAt = :at and id < :id))");
            parameters.and("at", cursor.startedAt()).and("id", cursor.id());
        }
        return Panache.withSession(() -> GcRun.<GcRun>find(where + " order by startedAt desc, id desc", parameters)
                        .range(0, size - 1).list()) // both ends inclusive
                .map(runs -> {
                    List<GcRunView> views = runs.stream().map(GcRunView::of).toList();
                    String next = runs.size() < size ? null : RunCursor.of(runs.get(runs.size() - 1)).text();
                    return new RunPage(views, next);
                });
    }

    private static UUID parseId(String id) {
        if (!FieldChecks.isUuid(id)) {
            throw RequestRejected.badRequest("runId", "'" + id + "' is not a UUID");
        }
        return UUID.fromString(id);
    }

    /** Position after the last run of a page: its start time and id. */
    record RunCursor(OffsetDateTime startedAt, UUID id) {
        static RunCursor of(GcRun run) {
            return new RunCursor(run.startedAt, run.id);
        }

        String text() {
            return startedAt.toInstant().toString() + "_" + id;
        }

        static RunCursor parse(String text, FieldChecks checks) {
            int split = text.lastIndexOf('_');
            try {
                return new RunCursor(OffsetDateTime.parse(text.substring(0, split).replace("Z", "+00:00")),
                        UUID.fromString(text.substring(split + 1)));
            } catch (RuntimeException unreadable) {
                checks.add("before", "'" + text + "' is not a cursor this API gave (the next field of a page)");
                return null;
            }
        }
    }
}
