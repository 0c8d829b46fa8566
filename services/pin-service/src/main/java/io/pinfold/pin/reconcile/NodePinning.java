package io.pinfold.pin.reconcile;

import io.pinfold.kubo.pin.PinProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What the reconciler asks of a node: the few pin calls it needs. One seam, so the calls can be observed (tests),
 * measured, or made over another transport without touching the reconcile rules.
 */
public interface NodePinning {

    /** Liveness: answers when the node's RPC answers within the probe timeout. */
    Uni<Void> probe(ReconcileNode node);

    /** Asks the node to connect to {@code multiaddr} (a pin's origin) before fetching. */
    Uni<Void> connect(ReconcileNode node, String multiaddr);

    /** pin add --progress; the last item is done(). "Already pinned" is simply a quick success. */
    Multi<PinProgress> pinAdd(ReconcileNode node, String cid);

    /**
     * dag stat --progress of {@code cid}: the totals so far, one item per block walked (fetching missing blocks);
     * cancelling stops the walk. For the admission rules' DAG size caps.
     */
    Multi<io.pinfold.kubo.dag.DagStat> dagStat(ReconcileNode node, String cid);

    /** pin rm; "not pinned" is success. */
    Uni<Void> pinRm(ReconcileNode node, String cid);

    /** CIDs of the node's recursive pins, streamed. */
    Multi<String> recursivePins(ReconcileNode node);
}
