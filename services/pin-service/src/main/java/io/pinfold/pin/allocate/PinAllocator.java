package io.pinfold.pin.allocate;

import java.util.List;

/**
 * Chooses which nodes hold one pin. A pure function of the request and the candidates (no I/O), so a second
 * placement strategy is a new implementation of this interface, tested with the same kind of table.
 */
public interface PinAllocator {

    /**
     * @param request    what is being placed: its size, replication factor, current holders, nodes to avoid
     * @param candidates every registered node with its state, zone, capacity and bytes already allocated
     * @return the chosen nodes; never throws for a shortage, which is reported by {@link Allocation#underReplicated()}
     */
    Allocation allocate(AllocationRequest request, List<NodeCandidate> candidates);
}
