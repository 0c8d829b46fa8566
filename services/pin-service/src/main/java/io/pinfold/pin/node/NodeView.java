package io.pinfold.pin.node;

import io.pinfold.events.node.NodeState;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered node as the API shows it. */
@Schema(name = "Node")
public record NodeView(
        @Schema(example = "kubo-1") String id,
        @Schema(description = "libp2p peer ID the node reported", example = "12D3KooWQ8bZbVBv7Xaee5BDZFBv2QdKUsN8nPo5NNVvRP1T8Lp4") String peerId,
        String rpcUrl, String gatewayUrl, NodeState state,
        @Schema(example = "0.43.1") String kuboVersion,
        OffsetDateTime registeredAt, OffsetDateTime updatedAt) {

    static NodeView of(KuboNode node) {
        return new NodeView(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, node.state, node.kuboVersion,
                node.registeredAt, node.updatedAt);
    }
}
