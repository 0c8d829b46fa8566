package io.pinfold.pin.allocate;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of placing one pin: the chosen nodes (current holders first, then new ones in the order chosen) and,
 * when fewer than the minimum could be chosen, why.
 *
 * @param nodeIds   the nodes that should hold the pin
 * @param kept      those of them that already held it
 * @param shortfall empty when at least the minimum was chosen; else "under-replicated: N of min M (reasons)"
 */
public record Allocation(List<String> nodeIds, List<String> kept, Optional<String> shortfall) {

    public Allocation {
        nodeIds = List.copyOf(nodeIds);
        kept = List.copyOf(kept);
    }

    public boolean underReplicated() {
        return shortfall.isPresent();
    }

    /** Nodes chosen that did not hold the pin before: the ones that must now fetch it. */
    public List<String> added() {
        return nodeIds.stream().filter(id -> !kept.contains(id)).toList();
    }
}
