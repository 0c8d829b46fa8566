package io.pinfold.gc.policy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.gc.node.GcNode;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Stores and reads per-node GC policies. */
@ApplicationScoped
public class PolicyService {
    private final PolicyRules rules;

    public PolicyService(PolicyRules rules) {
        this.rules = rules;
    }

    @WithSpan("gc.policy.put")
    public Uni<PolicyView> put(String nodeId, PolicyRequest request) {
        Span.current().setAttribute("pinfold.node.id", nodeId);
        GcPolicy checked = rules.check(nodeId, request);
        return Panache.withTransaction(() -> GcNode.findById(nodeId)
                .chain(node -> {
                    if (node == null) {
                        throw unknownNode(nodeId);
                    }
                    return GcPolicy.<GcPolicy>findById(nodeId);
                })
                .chain(existing -> {
                    GcPolicy policy = existing != null ? existing : checked;
                    if (existing != null) {
                        policy.mode = checked.mode;
                        policy.dryRun = checked.dryRun;
                        policy.reclaimableBytesWatermark = checked.reclaimableBytesWatermark;
                        policy.repoUsageWatermarkPercent = checked.repoUsageWatermarkPercent;
                        policy.minIntervalSeconds = checked.minIntervalSeconds;
                        policy.windows = checked.windows;
                    }
                    policy.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return policy.<GcPolicy>persist();
                }))
                .map(PolicyView::of);
    }

    public Uni<PolicyView> get(String nodeId) {
        return Panache.withSession(() -> GcPolicy.<GcPolicy>findById(nodeId)).map(policy -> {
            if (policy == null) {
                throw RequestRejected.notFound("nodeId: no GC policy for node '" + nodeId + "'");
            }
            return PolicyView.of(policy);
        });
    }

    public static RequestRejected unknownNode(String nodeId) {
        return RequestRejected.notFound("nodeId: no node '" + nodeId + "' on pinfold.nodes");
    }
}
