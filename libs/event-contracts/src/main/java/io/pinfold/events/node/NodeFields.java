package io.pinfold.events.node;

import io.pinfold.events.validation.FieldChecks;

/** Rules for the node description both node events carry, since compaction keeps only the latest. */
final class NodeFields {

    private NodeFields() {
    }

    static FieldChecks check(String nodeId, String peerId, String rpcUrl, String gatewayUrl, NodeState state) {
        return FieldChecks.start()
                .required("nodeId", nodeId).nodeId("nodeId", nodeId)
                .required("peerId", peerId).noWhitespace("peerId", peerId, 128)
                .required("rpcUrl", rpcUrl).httpUrl("rpcUrl", rpcUrl)
                .required("gatewayUrl", gatewayUrl).httpUrl("gatewayUrl", gatewayUrl)
                .required("state", state);
    }
}
