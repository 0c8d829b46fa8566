package io.pinfold.gc.run;

import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.gc.node.GcNode;
import java.time.Instant;

/**
 * The node.state-changed records gc-service publishes on the compacted pinfold.nodes topic. Compaction may leave one
 * of them as the only record of the node, so it repeats the node's ids and URLs as gc-service last heard them.
 */
final class NodeAnnouncement {

    private NodeAnnouncement() {
    }

    static NodeStateChanged draining(GcNode node, String reason, Instant until) {
        return new NodeStateChanged(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, NodeState.DRAINING,
                NodeState.ACTIVE, reason, until);
    }

    static NodeStateChanged returned(GcNode node, String reason) {
        return new NodeStateChanged(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, NodeState.ACTIVE,
                NodeState.DRAINING, reason, null);
    }
}
