package io.pinfold.events.node;

import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code io.pinfold.node.state-changed}: node {@code nodeId} is now {@code state}. Published by
 * pin-service (health) and gc-service (drain for GC). Repeats the node's URLs because compaction
 * may leave this as the only record of the node.
 *
 * @param nodeId        the node, the record key
 * @param peerId        its libp2p peer id
 * @param rpcUrl        base URL of its Kubo RPC API
 * @param gatewayUrl    base URL of its Kubo gateway
 * @param state         the new state
 * @param previousState the state before, when known
 * @param reason        why, in an operator's words (e.g. "full GC run 7f3e…")
 * @param until         when a drain lease ends if not renewed; only with {@code draining}
 * @param swarmAddresses multiaddrs other nodes dial to reach it, as last registered; absent when the producer did not carry them
 * @param kuboVersion   the Kubo version it last reported
 * @param region        where it runs, as last registered
 * @param zone          its failure domain, as last registered
 * @param capacityBytes how many bytes of pinned content it may hold, as last registered
 * @param tags          operator's labels, as last registered
 *
 * <p>The registration's fields (swarm addresses to tags) were added later and are optional: a producer that knows
 * them repeats them, so that after compaction this record still describes the node whole (gc-service's drains do).
 */
public record NodeStateChanged(
        String nodeId,
        String peerId,
        String rpcUrl,
        String gatewayUrl,
        NodeState state,
        @OptionalField NodeState previousState,
        @OptionalField String reason,
        @OptionalField Instant until,
        @OptionalField List<String> swarmAddresses,
        @OptionalField String kuboVersion,
        @OptionalField String region,
        @OptionalField String zone,
        @OptionalField Long capacityBytes,
        @OptionalField Map<String, String> tags) implements NodeEvent {

    public NodeStateChanged {
        FieldChecks checks = NodeFields.check(nodeId, peerId, rpcUrl, gatewayUrl, state)
                .text("reason", reason, 1024)
                .size("swarmAddresses", swarmAddresses, 0, 64)
                .noNulls("swarmAddresses", swarmAddresses)
                .text("kuboVersion", kuboVersion, 64);
        PlacementFields.check(checks, region, zone, capacityBytes, tags);
        checks.that(until == null || state == NodeState.DRAINING, "until", "only allowed when state is draining")
                .orThrow();
        swarmAddresses = swarmAddresses == null ? null : List.copyOf(swarmAddresses);
        tags = tags == null ? null : Map.copyOf(tags);
    }

    /** A state change without the registration's fields: what producers before them sent. */
    public NodeStateChanged(String nodeId, String peerId, String rpcUrl, String gatewayUrl, NodeState state,
                            NodeState previousState, String reason, Instant until) {
        this(nodeId, peerId, rpcUrl, gatewayUrl, state, previousState, reason, until, null, null, null, null, null, null);
    }
}
