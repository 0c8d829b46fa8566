package io.pinfold.pin.reconcile;

import io.pinfold.kubo.pin.PinProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Lets a call reach a node only while this copy surely holds the node's lease, checked the moment the call starts
 * (after whatever database work came before it). Calls already running when the lease may be lost are cancelled
 * by {@link Reconciler#enforceLeases()}.
 */
final class LeasedPinning implements NodePinning {
    private final NodePinning real;
    private final NodeLeases leases;

    LeasedPinning(NodePinning real, NodeLeases leases) {
        this.real = real;
        this.leases = leases;
    }

    /** The call was not sent: another copy may reconcile the node by now. */
    static final class LeaseLostException extends IllegalStateException {
        LeaseLostException(String node, String owner) {
            super("reconcile lease of node " + node + " no longer surely held by " + owner + "; call not sent");
        }
    }

    @Override
    public Uni<Void> probe(ReconcileNode node) {
        return guarded(node, () -> real.probe(node));
    }

    @Override
    public Uni<Void> connect(ReconcileNode node, String multiaddr) {
        return guarded(node, () -> real.connect(node, multiaddr));
    }

    @Override
    public Multi<PinProgress> pinAdd(ReconcileNode node, String cid) {
        return Multi.createFrom().deferred(() -> leases.holds(node.id()) ? real.pinAdd(node, cid)
                : Multi.createFrom().failure(new LeaseLostException(node.id(), leases.owner())));
    }

    @Override
    public Multi<io.pinfold.kubo.dag.DagStat> dagStat(ReconcileNode node, String cid) {
        return Multi.createFrom().deferred(() -> leases.holds(node.id()) ? real.dagStat(node, cid)
                : Multi.createFrom().failure(new LeaseLostException(node.id(), leases.owner())));
    }

    @Override
    public Uni<Void> pinRm(ReconcileNode node, String cid) {
        return guarded(node, () -> real.pinRm(node, cid));
    }

    @Override
    public Multi<String> recursivePins(ReconcileNode node) {
        return Multi.createFrom().deferred(() -> leases.holds(node.id()) ? real.recursivePins(node)
                : Multi.createFrom().failure(new LeaseLostException(node.id(), leases.owner())));
    }

    private <T> Uni<T> guarded(ReconcileNode node, java.util.function.Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> leases.holds(node.id()) ? call.get()
                : Uni.createFrom().failure(new LeaseLostException(node.id(), leases.owner())));
    }
}
