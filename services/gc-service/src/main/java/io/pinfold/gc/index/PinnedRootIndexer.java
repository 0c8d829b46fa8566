package io.pinfold.gc.index;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.node.GcNode;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Indexes roots as soon as pinfold.pin-status says they were pinned on a node ({@link BlockIndex#indexPinned}),
 * outside any run: a targeted run then finds the pins that landed before its sync already walked, and its cost no
 * longer follows the pin traffic. Pins wait in a queue (at most pinfold.gc.index-on-pin-backlog) drained by one worker
 * per copy, {@value #DRAIN} at a time, so many small pins cost one transaction per group rather than one each.
 * Best-effort: a pin past the backlog, or whose walk fails (a node without Pinfold's Kubo build, a node down), is
 * walked by the next run's sync as before. Safety does not rest on it.
 */
@ApplicationScoped
public class PinnedRootIndexer {
    private static final Logger LOG = Logger.getLogger(PinnedRootIndexer.class);
    static final int DRAIN = 256;

    private final BlockIndex index;
    private final KuboClients kubo;
    private final GcConfig config;
    private final Queue<Pinned> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    public PinnedRootIndexer(BlockIndex index, KuboClients kubo, GcConfig config) {
        this.index = index;
        this.kubo = kubo;
        this.config = config;
    }

    /** Queues the root and makes sure the worker runs; from a Vert.x context. */
    public void pinned(String nodeId, String cid) {
        if (!config.indexOnPin()) {
            return;
        }
        if (queued.incrementAndGet() > config.indexOnPinBacklog()) {
            queued.decrementAndGet();
            LOG.debugf("pinned root %s on %s left to the next run's sync (backlog full)", cid, nodeId);
            return;
        }
        queue.add(new Pinned(nodeId, cid));
        drain();
    }

    private void drain() {
        if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
        }
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < DRAIN; i++) {
            Pinned next = queue.poll();
            if (next == null) {
                break;
            }
            queued.decrementAndGet();
            byNode.computeIfAbsent(next.nodeId(), ignored -> new ArrayList<>()).add(next.cid());
        }
        Multi.createFrom().iterable(byNode.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> indexNow(entry.getKey(), entry.getValue()))
                .collect().last()
                .eventually(() -> {
                    draining.set(false);
                    drain(); // what was queued meanwhile
                })
                .subscribe().with(ignored -> { }, failure -> { });
    }

    Uni<Integer> indexNow(String nodeId, List<String> cids) {
        return Panache.withSession(() -> GcNode.<GcNode>findById(nodeId))
                .chain(node -> node == null ? Uni.createFrom().item(0)
                        : index.indexPinned(nodeId, kubo.forNode(URI.create(node.rpcUrl)).withTimeout(config.targetedCallTimeout()), cids))
                .invoke(walked -> LOG.debugf("%d of %d pinned roots on %s indexed ahead of runs", (Object) walked, cids.size(), nodeId))
                .onFailure().invoke(failure -> LOG.debugf("%d pinned roots on %s not indexed ahead (%s); the next run's sync walks them",
                        cids.size(), nodeId, failure.getMessage()))
                .onFailure().recoverWithItem(0);
    }

    private record Pinned(String nodeId, String cid) {
    }
}
