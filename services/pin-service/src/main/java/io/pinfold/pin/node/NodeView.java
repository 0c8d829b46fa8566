package io.pinfold.pin.node;

import io.pinfold.events.node.NodeState;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered node as the API shows it. */
@Schema(name = "Node")
public record NodeView(
        @Schema(example = "kubo-1") String id,
        @Schema(description = "libp2p peer ID the node reported", example = "12D3KooWQ8bZbVBv7Xaee5BDZFBv2QdKUsN8nPo5NNVvRP1T8Lp4") String peerId,
        String rpcUrl, String gatewayUrl, NodeState state,
        @Schema(example = "0.43.1") String kuboVersion,
        @Schema(description = "Where the node runs; absent when not given", example = "eu-west-1") String region,
        @Schema(description = "Its failure domain; absent: a zone of its own", example = "eu-west-1a") String zone,
        @Schema(description = "Bytes of pinned content it may hold; absent: unknown, never full", example = "500000000000") Long capacityBytes,
        @Schema(description = "Operator's labels", example = "{\"disk\": \"ssd\"}") Map<String, String> tags,
        OffsetDateTime registeredAt, OffsetDateTime updatedAt) {

    static NodeView of(KuboNode node) {
        return new NodeView(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, node.state, node.kuboVersion,
                node.region, node.zone, node.capacityBytes, NodeTags.parse(node.tags), node.registeredAt, node.updatedAt);
    }
}
