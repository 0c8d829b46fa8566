package io.pinfold.gc.index;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.node.GcNode;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Indexes a root as soon as pinfold.pin-status says it was pinned on a node ({@link BlockIndex#indexPinned}), outside
 * any run: a targeted run then finds the pins that landed before its sync already walked, and its cost no longer
 * follows the pin traffic. Best-effort and bounded (pinfold.gc.index-on-pin-concurrency walks at once in this copy):
 * a pin it skips, or whose walk fails (a node without Pinfold's Kubo build, a node down), is walked by the next run's
 * sync as before. Safety does not rest on it.
 */
@ApplicationScoped
public class PinnedRootIndexer {
    private static final Logger LOG = Logger.getLogger(PinnedRootIndexer.class);

    private final BlockIndex index;
    private final KuboClients kubo;
    private final GcConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();

    public PinnedRootIndexer(BlockIndex index, KuboClients kubo, GcConfig config) {
        this.index = index;
        this.kubo = kubo;
        this.config = config;
    }

    /** Fire and forget, from a Vert.x context. */
    public void pinned(String nodeId, String cid) {
        if (!config.indexOnPin()) {
            return;
        }
        if (inFlight.incrementAndGet() > config.indexOnPinConcurrency()) {
            inFlight.decrementAndGet();
            LOG.debugf("pinned root %s on %s left to the next run's sync (%d walks in flight)", cid, nodeId,
                    config.indexOnPinConcurrency());
            return;
        }
        indexNow(nodeId, cid).eventually(inFlight::decrementAndGet).subscribe().with(ignored -> { }, failure -> { });
    }

    Uni<Boolean> indexNow(String nodeId, String cid) {
        return Panache.withSession(() -> GcNode.<GcNode>findById(nodeId))
                .chain(node -> node == null ? Uni.createFrom().item(false)
                        : index.indexPinned(nodeId, kubo.forNode(URI.create(node.rpcUrl)).withTimeout(config.targetedCallTimeout()), cid))
                .onFailure().invoke(failure -> LOG.debugf("pinned root %s on %s not indexed ahead (%s); the next run's sync walks it",
                        cid, nodeId, failure.getMessage()))
                .onFailure().recoverWithItem(false);
    }
}
