package io.pinfold.pin.follow.resolve;

import io.pinfold.kubo.error.KuboException;
import io.pinfold.pin.follow.FollowConfig;
import io.pinfold.runtime.kubo.KuboClients;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * IPNS through the registered Kubo nodes' {@code name resolve --nocache --recursive=false}: the active nodes in id
 * order, the next one asked when one fails, the failure of the last one reported with every node's reason. The nodes
 * are read with the plain SQL client, not a Hibernate session: a resolution can be cut short by its deadline, and a
 * session cancelled while it waits for a pooled connection may never give that connection back.
 */
@ApplicationScoped
public class KuboIpnsLookup implements IpnsLookup {
    private final KuboClients clients;
    private final Pool pool;

    private final FollowConfig config;

    public KuboIpnsLookup(KuboClients clients, Pool pool, FollowConfig config) {
        this.clients = clients;
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<String> lookup(String key) {
        return pool.query("SELECT id, rpc_url FROM kubo_node WHERE state = 'active' ORDER BY id").execute()
                .chain(rows -> {
                    List<String[]> nodes = new ArrayList<>();
                    for (Row row : rows) {
                        nodes.add(new String[] {row.getString(0), row.getString(1)});
                    }
                    if (nodes.isEmpty()) {
                        return Uni.createFrom().failure(new ResolutionFailedException("ipns " + key + ": no active Kubo node to resolve with"));
                    }
                    return tryFrom(key, nodes, 0, new ArrayList<>());
                });
    }

    private Uni<String> tryFrom(String key, List<String[]> nodes, int index, List<String> reasons) {
        if (index == nodes.size()) {
            return Uni.createFrom().failure(new ResolutionFailedException("ipns " + key + ": " + String.join("; ", reasons)));
        }
        String[] node = nodes.get(index);
        return Uni.createFrom().deferred(() -> clients.forNode(URI.create(node[1])).name()
                        .resolveFresh("/ipns/" + key, config.ipnsRecordCount(), config.ipnsDhtTimeout()))
                .map(resolution -> resolution.path())
                .onFailure().recoverWithUni(failure -> {
                    reasons.add(node[0] + ": " + (failure instanceof KuboException ? failure.getMessage() : failure.toString()));
                    return tryFrom(key, nodes, index + 1, reasons);
                });
    }
}
