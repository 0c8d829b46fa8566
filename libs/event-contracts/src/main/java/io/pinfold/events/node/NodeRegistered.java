package io.pinfold.events.node;

import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;
import java.util.List;
import java.util.Map;

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
 * @param region         where it runs, e.g. {@code eu-west-1}; absent when the operator did not say
 * @param zone           its failure domain, e.g. {@code eu-west-1a}; absent means a zone of its own
 * @param capacityBytes  how many bytes of pinned content it may hold; absent means unknown (no room check)
 * @param tags           operator's labels, Kubernetes label syntax, at most 16; empty when none
 */
public record NodeRegistered(
        String nodeId,
        String peerId,
        String rpcUrl,
        String gatewayUrl,
        @OptionalField List<String> swarmAddresses,
        @OptionalField String kuboVersion,
        NodeState state,
        @OptionalField String region,
        @OptionalField String zone,
        @OptionalField Long capacityBytes,
        @OptionalField Map<String, String> tags) implements NodeEvent {

    public NodeRegistered {
        FieldChecks checks = NodeFields.check(nodeId, peerId, rpcUrl, gatewayUrl, state)
                .size("swarmAddresses", swarmAddresses, 0, 64)
                .noNulls("swarmAddresses", swarmAddresses)
                .text("kuboVersion", kuboVersion, 64);
        PlacementFields.check(checks, region, zone, capacityBytes, tags).orThrow();
        swarmAddresses = swarmAddresses == null ? List.of() : List.copyOf(swarmAddresses);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A node without placement details (region, zone, capacity, tags): what producers before them sent. */
    public NodeRegistered(String nodeId, String peerId, String rpcUrl, String gatewayUrl, List<String> swarmAddresses,
                          String kuboVersion, NodeState state) {
        this(nodeId, peerId, rpcUrl, gatewayUrl, swarmAddresses, kuboVersion, state, null, null, null, null);
    }
}
