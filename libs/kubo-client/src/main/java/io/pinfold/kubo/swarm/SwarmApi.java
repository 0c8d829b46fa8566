package io.pinfold.kubo.swarm;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/** The node's peer connections: {@code swarm peers} and {@code swarm connect}. */
public final class SwarmApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public SwarmApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    public Uni<List<SwarmPeer>> peers() {
        return transport.callJson(KuboRequest.command("swarm/peers"), limits.timeout(), json -> {
            List<SwarmPeer> peers = new ArrayList<>();
            json.path("Peers").forEach(peer -> peers.add(SwarmPeer.from(peer)));
            return List.copyOf(peers);
        });
    }

    /** Connects to {@code multiaddr} (ending in {@code /p2p/<peer id>}) so blocks can flow between the nodes. */
    public Uni<Void> connect(String multiaddr) {
        return transport.call(KuboRequest.command("swarm/connect").arg(multiaddr), limits.timeout()).replaceWithVoid();
    }
}
