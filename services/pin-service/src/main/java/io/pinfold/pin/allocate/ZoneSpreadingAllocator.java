package io.pinfold.pin.allocate;

import io.pinfold.events.node.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Spreads a pin's replicas over as many zones as it can before putting two in one zone.
 *
 * <p>Healthy current holders (active or draining, not avoided) are kept first, so re-allocation after a node goes
 * down moves only the lost replicas. Then, until {@code max} nodes are chosen, it takes among the active nodes with
 * room the one whose zone is not used yet, then the one with the largest share of free capacity, then the one with
 * the fewest bytes allocated, then the smallest id, so the same inputs always give the same answer.
 */
public final class ZoneSpreadingAllocator implements PinAllocator {

    @Override
    public Allocation allocate(AllocationRequest request, List<NodeCandidate> candidates) {
        int max = request.replication().max();
        List<NodeCandidate> holders = new ArrayList<>();
        List<NodeCandidate> eligible = new ArrayList<>();
        TreeMap<String, String> excluded = new TreeMap<>();
        for (NodeCandidate node : candidates) {
            String why = exclusion(node, request);
            if (why == null && request.currentHolders().contains(node.id())) {
                holders.add(node);
            } else if (why == null && node.state() == NodeState.ACTIVE) {
                eligible.add(node);
            } else {
                excluded.put(node.id(), why != null ? why : node.state().json());
            }
        }

        List<NodeCandidate> chosen = new ArrayList<>();
        Set<String> usedDomains = new HashSet<>();
        pick(holders, chosen, usedDomains, max);
        List<String> kept = chosen.stream().map(NodeCandidate::id).toList();
        pick(eligible, chosen, usedDomains, max);

        List<String> ids = chosen.stream().map(NodeCandidate::id).toList();
        int min = request.replication().min();
        Optional<String> shortfall = ids.size() >= min ? Optional.empty()
                : Optional.of("under-replicated: " + ids.size() + " of min " + min + " nodes available"
                        + (excluded.isEmpty() ? " (no other node registered)"
                        : " (" + excluded.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")) + ")"));
        return new Allocation(ids, kept, shortfall);
    }

    /** Why a node can take no replica of this pin; null when it can (state is judged by the caller). */
    private static String exclusion(NodeCandidate node, AllocationRequest request) {
        if (request.avoid().contains(node.id())) {
            return "avoided";
        }
        if (node.state() == NodeState.DOWN) {
            return "down";
        }
        // A current holder already has the content: it needs no further room.
        if (!request.currentHolders().contains(node.id()) && !node.hasRoomFor(request.sizeBytes())) {
            return "full";
        }
        return null;
    }

    private static void pick(List<NodeCandidate> pool, List<NodeCandidate> chosen, Set<String> usedDomains, int max) {
        List<NodeCandidate> left = new ArrayList<>(pool);
        while (chosen.size() < max && !left.isEmpty()) {
            NodeCandidate best = left.stream().min(preference(usedDomains)).orElseThrow();
            left.remove(best);
            chosen.add(best);
            usedDomains.add(best.failureDomain());
        }
    }

    private static Comparator<NodeCandidate> preference(Set<String> usedDomains) {
        return Comparator.<NodeCandidate>comparingInt(node -> usedDomains.contains(node.failureDomain()) ? 1 : 0)
                .thenComparing(Comparator.comparingDouble(NodeCandidate::freeRatio).reversed())
                .thenComparingLong(NodeCandidate::allocatedBytes)
                .thenComparing(NodeCandidate::id);
    }
}
