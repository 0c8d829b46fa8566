package io.pinfold.gc.policy;

import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.reclaim.NodeUsage;
import io.pinfold.gc.reclaim.ReclaimableRoots;
import io.pinfold.gc.run.GcRun;
import io.pinfold.gc.run.GcRuns;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Every pinfold.gc.policy-interval, starts the runs policies call for. Every copy evaluates; the node lease and the
 * serialized start make sure only one run per node starts, and the other copies' attempts are refused quietly.
 */
@ApplicationScoped
public class PolicyEvaluator {
    private static final Logger LOG = Logger.getLogger(PolicyEvaluator.class);

    private final ReclaimableRoots roots;
    private final GcRuns runs;

    public PolicyEvaluator(ReclaimableRoots roots, GcRuns runs) {
        this.roots = roots;
        this.runs = runs;
    }

    @Scheduled(every = "${pinfold.gc.policy-interval:30s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> evaluate() {
        return Panache.withSession(() -> GcPolicy.<GcPolicy>listAll())
                .onItem().transformToMulti(policies -> Multi.createFrom().iterable(policies))
                .onItem().transformToUniAndConcatenate(policy -> evaluate(policy)
                        .onFailure().invoke(failure -> {
                            if (failure instanceof RequestRejected rejected) {
                                LOG.debugf("policy run on %s not started: %s", policy.nodeId, rejected.getMessage());
                            } else {
                                LOG.warnf("policy of %s not evaluated: %s", policy.nodeId, failure.getMessage());
                            }
                        })
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> evaluate(GcPolicy policy) {
        PolicyDecision decision = PolicyDecision.of(policy);
        return Panache.withSession(() -> NodeUsage.<NodeUsage>findById(policy.nodeId)
                        .chain(usage -> GcRun.<GcRun>find("nodeId = ?1 order by startedAt desc", policy.nodeId).firstResult()
                                .map(last -> new Object[] {usage, last})))
                .chain(found -> roots.estimatedBytes(policy.nodeId).chain(bytes -> {
                    NodeUsage usage = (NodeUsage) found[0];
                    GcRun last = (GcRun) found[1];
                    return decision.trigger(Instant.now(), usage == null ? null : usage.usedPercent(), bytes,
                                    last == null ? null : last.startedAt.toInstant())
                            .map(trigger -> runs.start(policy.nodeId, GcMode.fromJson(policy.mode), trigger, policy.dryRun)
                                    .invoke(run -> LOG.infof("GC run %s on %s started by policy (%s)", run.id(), policy.nodeId, trigger.json()))
                                    .replaceWithVoid())
                            .orElse(Uni.createFrom().voidItem());
                }));
    }
}
