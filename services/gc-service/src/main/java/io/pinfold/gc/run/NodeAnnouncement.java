package io.pinfold.gc.run;

import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.gc.node.GcNode;
import io.pinfold.gc.node.NodeRegistration;
import java.time.Instant;

/**
 * The node.state-changed records gc-service publishes on the compacted pinfold.nodes topic. Compaction may leave one
 * of them as the only record of the node, so it repeats the node's whole registration as gc-service last heard it.
 */
final class NodeAnnouncement {

    private NodeAnnouncement() {
    }

    static NodeStateChanged draining(GcNode node, String reason, Instant until) {
        return announce(node, NodeState.DRAINING, NodeState.ACTIVE, reason, until);
    }

    static NodeStateChanged returned(GcNode node, String reason) {
        return announce(node, NodeState.ACTIVE, NodeState.DRAINING, reason, null);
    }

    private static NodeStateChanged announce(GcNode node, NodeState state, NodeState previous, String reason, Instant until) {
        NodeRegistration known = NodeRegistration.of(node);
        return new NodeStateChanged(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, state, previous, reason, until,
                known.swarmAddresses(), known.kuboVersion(), known.region(), known.zone(), known.capacityBytes(), known.tags());
    }
}
