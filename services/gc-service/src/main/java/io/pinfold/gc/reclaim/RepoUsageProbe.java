package io.pinfold.gc.reclaim;

import io.pinfold.events.node.NodeState;
import io.pinfold.gc.node.GcNode;
import io.pinfold.runtime.kubo.KuboClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Reads each node's repo size against its StorageMax (size-only repo stat, so no walk of the blockstore) every
 * pinfold.gc.usage-interval, and sizes unpinned roots whose size is still unknown. A node that does not answer keeps
 * its last reading.
 */
@ApplicationScoped
public class RepoUsageProbe {
    private static final Logger LOG = Logger.getLogger(RepoUsageProbe.class);
    private static final int ROOTS_PER_TICK = 100;

    private final KuboClients kubo;
    private final ReclaimableRoots roots;
    private final RootSizer sizer;

    public RepoUsageProbe(KuboClients kubo, ReclaimableRoots roots, RootSizer sizer) {
        this.kubo = kubo;
        this.roots = roots;
        this.sizer = sizer;
    }

    @Scheduled(every = "${pinfold.gc.usage-interval:60s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> probe() {
        return readUsage().chain(this::sizeUnknownRoots);
    }

    public Uni<Void> readUsage() {
        return Panache.withSession(() -> GcNode.<GcNode>list("state <> ?1", NodeState.DOWN.json()))
                .onItem().transformToMulti(nodes -> Multi.createFrom().iterable(nodes))
                .onItem().transformToUniAndConcatenate(node -> kubo.forNode(URI.create(node.rpcUrl)).repo().stat(true)
                        .chain(stat -> Panache.withTransaction(() -> NodeUsage.<NodeUsage>findById(node.id).chain(existing -> {
                            NodeUsage usage = existing != null ? existing : new NodeUsage();
                            usage.nodeId = node.id;
                            usage.repoSize = stat.repoSize();
                            usage.storageMax = stat.storageMax();
                            usage.checkedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            return usage.persist();
                        })))
                        .replaceWithVoid()
                        .onFailure().invoke(failure -> LOG.debugf("repo stat of %s failed: %s", node.id, failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> sizeUnknownRoots() {
        return roots.unsized(ROOTS_PER_TICK)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(root -> sizer.sizeNow(root.key.nodeId(), root.key.cid()))
                .collect().last().replaceWithVoid();
    }
}
