package io.pinfold.edge.pool;

import io.pinfold.events.node.NodeState;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Kubo gateway the edge may proxy to, as last announced on pinfold.nodes. The RPC URL is never kept here. */
@Schema(name = "PoolNode")
public record PoolNode(String id, String peerId, URI gatewayUrl, NodeState state, Instant announcedAt) {

    public boolean serves() {
        return state == NodeState.ACTIVE;
    }
}
