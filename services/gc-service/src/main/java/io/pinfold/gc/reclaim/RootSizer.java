package io.pinfold.gc.reclaim;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.node.GcNode;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Asks a node how many bytes an unpinned root holds (dag stat), best-effort: a node that does not answer within
 * pinfold.gc.dag-stat-timeout leaves the size unknown, and {@link RepoUsageProbe} asks again later.
 */
@ApplicationScoped
public class RootSizer {
    private static final Logger LOG = Logger.getLogger(RootSizer.class);

    private final KuboClients kubo;
    private final ReclaimableRoots roots;
    private final GcConfig config;

    public RootSizer(KuboClients kubo, ReclaimableRoots roots, GcConfig config) {
        this.kubo = kubo;
        this.roots = roots;
        this.config = config;
    }

    /** Fire and forget, from a Vert.x context. */
    void size(String nodeId, String cid) {
        sizeNow(nodeId, cid).subscribe().with(ignored -> { }, failure -> { });
    }

    Uni<Void> sizeNow(String nodeId, String cid) {
        return Panache.withSession(() -> GcNode.<GcNode>findById(nodeId))
                .chain(node -> node == null ? Uni.createFrom().voidItem()
                        : kubo.forNode(URI.create(node.rpcUrl)).withTimeout(config.dagStatTimeout()).dag().stat(cid)
                                .chain(stat -> roots.sized(nodeId, cid, stat.totalSize())))
                .onFailure().invoke(failure -> LOG.debugf("size of %s on %s unknown for now: %s", cid, nodeId, failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
