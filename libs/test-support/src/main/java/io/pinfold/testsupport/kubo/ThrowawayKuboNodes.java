package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts Kubo nodes for one JVM with {@code kubo.sh}, in a temporary state folder and on random
 * loopback ports, and stops them and deletes their repos when the JVM exits.
 */
final class ThrowawayKuboNodes {

    private ThrowawayKuboNodes() {}

    static KuboNodes start(int count) {
        return start(count, Map.of());
    }

    /** {@code environment} adds to or overrides this JVM's environment for the script (e.g. PINFOLD_HOME). */
    static KuboNodes start(int count, Map<String, String> environment) {
        Path state;
        try {
            state = Files.createTempDirectory("pinfold-kubo-");
        } catch (IOException e) {
            throw new PartFailedException("pinfold: kubo: cannot create a temporary state folder: " + e.getMessage());
        }
        LoopbackPorts ports = new LoopbackPorts();
        int rpcBase = ports.freeBase(count);
        int gatewayBase = ports.freeBase(count);
        int swarmBase = ports.freeBase(count);

        Map<String, String> env = new HashMap<>(environment);
        env.put("PINFOLD_STATE", state.toString());
        // The script stops the nodes itself once this JVM is gone, even after a kill -9 that skips the hook.
        env.put("PINFOLD_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("PINFOLD_KUBO_RPC_PORT_BASE", Integer.toString(rpcBase));
        env.put("PINFOLD_KUBO_GATEWAY_PORT_BASE", Integer.toString(gatewayBase));
        env.put("PINFOLD_KUBO_SWARM_PORT_BASE", Integer.toString(swarmBase));
        KuboScript script = new KuboScript(PinfoldCheckout.kuboScript(), env);

        // Registered before the first start, so a node started before a later one fails is stopped too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(script, count, state), "pinfold-kubo-stop"));

        System.err.printf("pinfold test-support: starting %d Kubo node(s) with deploy/local/parts/kubo.sh (state: %s)%n",
                count, state);
        List<KuboNode> nodes = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            script.run("start", Integer.toString(n));
            String name = "kubo-" + n;
            URI rpcUrl = URI.create("http://127.0.0.1:" + (rpcBase + n));
            KuboIdentity identity = KuboIdentity.probe(name, rpcUrl);
            nodes.add(new KuboNode(name, rpcUrl, URI.create("http://127.0.0.1:" + (gatewayBase + n)),
                    identity.peerId(), "/ip4/127.0.0.1/tcp/" + (swarmBase + n) + "/p2p/" + identity.peerId()));
        }
        return new KuboNodes(nodes);
    }

    private static void stopAll(KuboScript script, int count, Path state) {
        for (int n = 1; n <= count; n++) {
            try {
                script.run("stop", Integer.toString(n));
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
            }
        }
        deleteQuietly(state);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("pinfold: kubo: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
