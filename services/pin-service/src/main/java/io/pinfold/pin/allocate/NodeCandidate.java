package io.pinfold.pin.allocate;

import io.pinfold.events.node.NodeState;
import java.util.Objects;

/**
 * A node as the allocator sees it.
 *
 * @param id             the node id
 * @param state          only {@code active} nodes get new work
 * @param region         where it runs, or null
 * @param zone           its failure domain, or null: a node without a zone is a zone of its own
 * @param capacityBytes  how much pinned content it may hold, or null when unknown (then it is never "full")
 * @param allocatedBytes bytes of the pins already allocated to it
 */
public record NodeCandidate(String id, NodeState state, String region, String zone, Long capacityBytes,
                            long allocatedBytes) {

    public NodeCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    /** The failure domain replicas are spread over; a node without a zone shares it with no other node. */
    public String failureDomain() {
        return zone != null ? "zone:" + zone : "node:" + id;
    }

    /** Whether {@code sizeBytes} more fit; with an unknown size, whether any room is left at all. */
    public boolean hasRoomFor(java.util.OptionalLong sizeBytes) {
        if (capacityBytes == null) {
            return true;
        }
        return sizeBytes.isPresent()
                ? allocatedBytes + sizeBytes.getAsLong() <= capacityBytes
                : allocatedBytes < capacityBytes;
    }

    /** Share of capacity still free, 0..1; a node of unknown capacity counts as wholly free. */
    public double freeRatio() {
        if (capacityBytes == null) {
            return 1.0;
        }
        return Math.max(0L, capacityBytes - allocatedBytes) / (double) capacityBytes;
    }
}
