package io.pinfold.pin.node;

import io.pinfold.runtime.kubo.KuboNodesConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Registers the nodes named in configuration (PINFOLD_KUBO_RPC_URLS / PINFOLD_KUBO_GATEWAY_URLS, paired by
 * position, ids kubo-1, kubo-2, …) so a fresh stack has its nodes without a manual call. Keeps trying a node
 * that does not answer yet; registration is idempotent, so every copy of the service may do it.
 */
@ApplicationScoped
public class ConfiguredNodes {
    private static final Logger LOG = Logger.getLogger(ConfiguredNodes.class);

    private final NodeRegistry registry;
    private final List<NodeRegistration> configured;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public ConfiguredNodes(NodeRegistry registry, KuboNodesConfig config) {
        this.registry = registry;
        this.configured = pair(config.rpcUrls().orElse(List.of()), config.gatewayUrls().orElse(List.of()), config.zones());
    }

    @Scheduled(every = "${pinfold.kubo.register-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> registerPending() {
        return Multi.createFrom().iterable(configured)
                .filter(node -> !registered.contains(node.id()))
                .onItem().transformToUniAndConcatenate(node -> registry.registerConfigured(node)
                        .invoke(view -> {
                            registered.add(view.id());
                            LOG.infof("registered configured Kubo node %s (%s, peer %s)", view.id(), view.rpcUrl(), view.peerId());
                        })
                        .onFailure().invoke(failure -> LOG.warnf("configured Kubo node %s not registered yet: %s", node.id(), failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }

    static List<NodeRegistration> pair(List<URI> rpcUrls, List<URI> gatewayUrls, Optional<List<String>> zones) {
        if (rpcUrls.size() != gatewayUrls.size()) {
            throw new IllegalArgumentException("pinfold.kubo.gateway-urls: has " + gatewayUrls.size()
                    + " URLs but pinfold.kubo.rpc-urls has " + rpcUrls.size() + "; they are paired by position");
        }
        if (zones.isPresent() && zones.get().size() != rpcUrls.size()) {
            throw new IllegalArgumentException("pinfold.kubo.zones: has " + zones.get().size()
                    + " entries but pinfold.kubo.rpc-urls has " + rpcUrls.size() + "; they are paired by position ('-' for no zone)");
        }
        List<NodeRegistration> nodes = new ArrayList<>();
        for (int i = 0; i < rpcUrls.size(); i++) {
            String zone = zones.isPresent() ? zones.get().get(i).trim() : null;
            nodes.add(NodeRegistration.configured("kubo-" + (i + 1), rpcUrls.get(i).toString(), gatewayUrls.get(i).toString(),
                    "-".equals(zone) ? null : zone));
        }
        return List.copyOf(nodes);
    }
}
