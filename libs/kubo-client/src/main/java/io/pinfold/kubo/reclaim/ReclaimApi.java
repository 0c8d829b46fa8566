package io.pinfold.kubo.reclaim;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The {@code pinfold/*} commands of Pinfold's own Kubo build (deploy/local/kubo-pinfold): live roots, the block keys
 * of a DAG, and deletion of blocks under the GC lock without {@code block rm}'s walk of every pin. A stock Kubo
 * answers these with an error ({@link #roots()} fails), which tells a caller that targeted GC is not available there.
 */
public final class ReclaimApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public ReclaimApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Every live root of the node (recursive, direct and internal pins, MFS roots) and their fingerprint. */
    public Uni<LiveRoots> roots() {
        return transport.callJson(KuboRequest.command("pinfold/roots"), limits.timeout(), LiveRoots::from);
    }

    /**
     * The blocks of the DAG at {@code cid}, its root included (only the root if {@code direct}), walked offline: a block
     * the node lacks comes marked missing, and what only it links to is not found.
     */
    public Multi<BlockRef> refs(String cid, boolean direct) {
        return transport.streamJson(KuboRequest.command("pinfold/refs").arg(cid).option("direct", direct), limits,
                BlockRef::from);
    }

    /**
     * Deletes these blocks (keys as {@link #refs} gives them) under the node's GC lock, except those a live root that
     * appeared since {@link #roots()} answered {@code fingerprint} reaches (walked under the lock, at most
     * {@code walkBudget} blocks). Past the budget, or when the node no longer remembers the fingerprint, fails with a
     * {@link io.pinfold.kubo.error.KuboCommandException} whose message says "live roots changed", and nothing is deleted.
     */
    public Uni<Reclaimed> reclaim(String fingerprint, List<String> keys, int walkBudget) {
        return transport.callJson(KuboRequest.command("pinfold/reclaim").option("fingerprint", fingerprint)
                        .option("walk-budget", walkBudget).args(keys), limits.timeout(), Reclaimed::from);
    }
}
