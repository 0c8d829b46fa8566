package io.pinfold.pin.allocate;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One pin to place.
 *
 * @param sizeBytes      the content's size estimate; empty when not known yet (then only "some room left" is required)
 * @param replication    how many nodes should hold it
 * @param currentHolders nodes that hold it now: kept while they are healthy, so re-allocation moves as little as possible
 * @param avoid          nodes that must not be chosen (a node being removed, one that failed this pin)
 */
public record AllocationRequest(OptionalLong sizeBytes, ReplicationFactor replication, Set<String> currentHolders,
                                Set<String> avoid) {

    public AllocationRequest {
        Objects.requireNonNull(sizeBytes, "sizeBytes");
        Objects.requireNonNull(replication, "replication");
        if (sizeBytes.isPresent() && sizeBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("sizeBytes: must not be negative, was " + sizeBytes.getAsLong());
        }
        currentHolders = currentHolders == null ? Set.of() : Set.copyOf(currentHolders);
        avoid = avoid == null ? Set.of() : Set.copyOf(avoid);
    }

    /** A pin placed for the first time. */
    public static AllocationRequest fresh(OptionalLong sizeBytes, ReplicationFactor replication) {
        return new AllocationRequest(sizeBytes, replication, Set.of(), Set.of());
    }
}
