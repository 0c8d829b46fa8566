package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.FreePorts;
import io.pinfold.testsupport.stack.LocalPart;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Kubo nodes for one JVM with {@code kubo.sh start N}, in a temporary state folder and on random
 * loopback ports, and stops them and deletes their repos when the JVM exits.
 */
final class ThrowawayKuboNodes {

    private ThrowawayKuboNodes() {}

    static KuboNodes start(int count) {
        return start(count, Map.of());
    }

    /** {@code environment} adds to or overrides this JVM's environment for the script (e.g. PINFOLD_HOME). */
    static KuboNodes start(int count, Map<String, String> environment) {
        return startInPart(count, environment).nodes();
    }

    /** The nodes and the part that runs them (to stop one). */
    record Started(KuboNodes nodes, LocalPart part) {
    }

    static Started startInPart(int count, Map<String, String> environment) {
        List<Integer> bases = FreePorts.takeBases(3, count);
        int rpcBase = bases.get(0);
        int gatewayBase = bases.get(1);
        int swarmBase = bases.get(2);

        Map<String, String> env = new HashMap<>(environment);
        env.put("PINFOLD_KUBO_RPC_PORT_BASE", Integer.toString(rpcBase));
        env.put("PINFOLD_KUBO_GATEWAY_PORT_BASE", Integer.toString(gatewayBase));
        env.put("PINFOLD_KUBO_SWARM_PORT_BASE", Integer.toString(swarmBase));
        // One state folder for all nodes: kubo.sh peers each node with the others it finds there.
        LocalPart kubo = LocalPart.inTemporaryState("kubo", env);

        List<KuboNode> nodes = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            kubo.start(Integer.toString(n));
            String name = "kubo-" + n;
            URI rpcUrl = URI.create("http://127.0.0.1:" + (rpcBase + n));
            KuboIdentity identity = KuboIdentity.probe(name, rpcUrl);
            nodes.add(new KuboNode(name, rpcUrl, URI.create("http://127.0.0.1:" + (gatewayBase + n)),
                    identity.peerId(), "/ip4/127.0.0.1/tcp/" + (swarmBase + n) + "/p2p/" + identity.peerId()));
        }
        return new Started(new KuboNodes(nodes), kubo);
    }
}
