package io.pinfold.edge.snapshot;

import io.pinfold.edge.pool.PoolNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the edge keeps on local disk so it can serve and block without Kafka: the denylist as the events that made it
 * (entry key → the entry-added event's JSON, read back by the contract's own codec), the node pool with the topic
 * position of each node's last record, and the pinfold.denylist offsets the denylist reflects (the next offset to
 * read, per partition). {@code clusterId} names the Kafka cluster the offsets belong to.
 */
public record EdgeSnapshot(Instant writtenAt, String clusterId, Map<Integer, Long> denylistOffsets,
                           Map<String, String> denylist, List<Node> nodes) {

    public EdgeSnapshot {
        denylistOffsets = Map.copyOf(denylistOffsets);
        denylist = Map.copyOf(denylist);
        nodes = List.copyOf(nodes);
    }

    /** A pool node and where its last applied pinfold.nodes record sits. */
    public record Node(PoolNode node, int partition, long offset) {
    }
}
