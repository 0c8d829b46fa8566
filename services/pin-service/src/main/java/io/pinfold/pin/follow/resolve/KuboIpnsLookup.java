package io.pinfold.pin.follow.resolve;

import io.pinfold.events.node.NodeState;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.pin.node.KuboNode;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * IPNS through the registered Kubo nodes' {@code name resolve --nocache --recursive=false}: the active nodes in id
 * order, the next one asked when one fails, the failure of the last one reported with every node's reason.
 */
@ApplicationScoped
public class KuboIpnsLookup implements IpnsLookup {
    private final KuboClients clients;

    public KuboIpnsLookup(KuboClients clients) {
        this.clients = clients;
    }

    @Override
    public Uni<String> lookup(String key) {
        return Panache.withSession(() -> KuboNode.<KuboNode>list("state = ?1 order by id", NodeState.ACTIVE))
                .chain(nodes -> {
                    if (nodes.isEmpty()) {
                        return Uni.createFrom().failure(new ResolutionFailedException("ipns " + key + ": no active Kubo node to resolve with"));
                    }
                    return tryFrom(key, nodes.stream().map(node -> node.id + "=" + node.rpcUrl).toList(), 0, new ArrayList<>());
                });
    }

    private Uni<String> tryFrom(String key, List<String> nodes, int index, List<String> reasons) {
        if (index == nodes.size()) {
            return Uni.createFrom().failure(new ResolutionFailedException("ipns " + key + ": " + String.join("; ", reasons)));
        }
        String[] node = nodes.get(index).split("=", 2);
        return Uni.createFrom().deferred(() -> clients.forNode(URI.create(node[1])).name().resolve("/ipns/" + key, true, false))
                .map(resolution -> resolution.path())
                .onFailure().recoverWithUni(failure -> {
                    reasons.add(node[0] + ": " + (failure instanceof KuboException ? failure.getMessage() : failure.toString()));
                    return tryFrom(key, nodes, index + 1, reasons);
                });
    }
}
