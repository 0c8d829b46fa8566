package io.pinfold.pin.node;

import io.pinfold.pin.allocate.NodeCandidate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The registry as the allocator sees it: every node with its state, zone, region and capacity. */
@ApplicationScoped
public class NodeCandidates {

    /**
     * @param allocatedBytes bytes already allocated per node id, as the caller (the owner of pin allocations) counts
     *                       them; a node it does not name has none
     * @return every registered node, ordered by id
     */
    public Uni<List<NodeCandidate>> all(Map<String, Long> allocatedBytes) {
        return Panache.withSession(() -> KuboNode.<KuboNode>listAll(io.quarkus.panache.common.Sort.by("id")))
                .map(nodes -> nodes.stream().map(node -> candidate(node, allocatedBytes.getOrDefault(node.id, 0L))).toList());
    }

    static NodeCandidate candidate(KuboNode node, long allocatedBytes) {
        return new NodeCandidate(node.id, node.state, node.region, node.zone, node.capacityBytes, allocatedBytes);
    }
}
