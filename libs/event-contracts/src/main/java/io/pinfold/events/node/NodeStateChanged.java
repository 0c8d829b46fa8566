package io.pinfold.events.node;

import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.FieldChecks;
import java.time.Instant;

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
 */
public record NodeStateChanged(
        String nodeId,
        String peerId,
        String rpcUrl,
        String gatewayUrl,
        NodeState state,
        @OptionalField NodeState previousState,
        @OptionalField String reason,
        @OptionalField Instant until) implements NodeEvent {

    public NodeStateChanged {
        FieldChecks checks = NodeFields.check(nodeId, peerId, rpcUrl, gatewayUrl, state)
                .text("reason", reason, 1024);
        checks.that(until == null || state == NodeState.DRAINING, "until", "only allowed when state is draining")
                .orThrow();
    }
}
