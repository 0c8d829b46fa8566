package io.pinfold.events.node;

import io.pinfold.events.OptionalField;
import java.util.List;

/**
 * {@code io.pinfold.node.registered}: a Kubo node joined (or re-joined) the registry. pinfold.nodes
 * is compacted by node id, so this event carries the whole node description.
 *
 * @param nodeId         Pinfold's name for the node (DNS-label style), the record key
 * @param peerId         the node's libp2p peer id
 * @param rpcUrl         base URL of its Kubo RPC API (never exposed by the gateway)
 * @param gatewayUrl     base URL of its read-only Kubo gateway
 * @param swarmAddresses multiaddrs other nodes dial to reach it
 * @param kuboVersion    the Kubo version it reported, e.g. {@code 0.43.1}
 * @param state          its state on registration
 */
public record NodeRegistered(
        String nodeId,
        String peerId,
        String rpcUrl,
        String gatewayUrl,
        @OptionalField List<String> swarmAddresses,
        @OptionalField String kuboVersion,
        NodeState state) implements NodeEvent {

    public NodeRegistered {
        NodeFields.check(nodeId, peerId, rpcUrl, gatewayUrl, state)
                .size("swarmAddresses", swarmAddresses, 0, 64)
                .noNulls("swarmAddresses", swarmAddresses)
                .text("kuboVersion", kuboVersion, 64)
                .orThrow();
        swarmAddresses = swarmAddresses == null ? List.of() : List.copyOf(swarmAddresses);
    }
}
