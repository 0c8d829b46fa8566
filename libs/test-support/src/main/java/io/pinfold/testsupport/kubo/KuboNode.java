package io.pinfold.testsupport.kubo;

import java.net.URI;
import java.util.Objects;

/**
 * A running Kubo daemon a test can use: its RPC API, its HTTP gateway and its libp2p identity.
 *
 * @param name a label for messages, e.g. {@code kubo-1}
 * @param swarmAddress a multiaddr other nodes can dial, ending in {@code /p2p/<peerId>}; empty when unknown
 */
public record KuboNode(String name, URI rpcUrl, URI gatewayUrl, String peerId, String swarmAddress) {

    public KuboNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(swarmAddress, "swarmAddress");
    }

    /** The RPC base URL as text, e.g. {@code http://127.0.0.1:15002}. */
    public String rpc() {
        return rpcUrl.toString();
    }

    /** The gateway base URL as text, e.g. {@code http://127.0.0.1:18081}. */
    public String gateway() {
        return gatewayUrl.toString();
    }
}
