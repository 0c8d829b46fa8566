package io.pinfold.pin.reconcile;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds reconcilers: one per copy in production; tests build several in one process to act as several copies. */
@ApplicationScoped
public class Reconcilers {
    private final Pool pool;
    private final KuboNodePinning kubo;
    private final NodePinStore store;
    private final NodeLiveness liveness;
    private final PinMover mover;
    private final DriftCheck drift;
    private final ReconcileMetrics metrics;
    private final ReconcileConfig config;
    private final Vertx vertx;
    private final PinTrace trace;

    public Reconcilers(Pool pool, KuboNodePinning kubo, NodePinStore store, NodeLiveness liveness, PinMover mover, DriftCheck drift,
                       ReconcileMetrics metrics, ReconcileConfig config, Vertx vertx, PinTrace trace) {
        this.trace = trace;
        this.pool = pool;
        this.kubo = kubo;
        this.store = store;
        this.liveness = liveness;
        this.mover = mover;
        this.drift = drift;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    public NodePinning kubo() {
        return kubo;
    }

    /** A reconciler with leases of its own under {@code owner}, calling nodes through {@code pinning}. */
    public Reconciler create(String owner, NodePinning pinning) {
        return new Reconciler(new NodeLeases(pool, config.leaseTtl(), owner), pinning, store, liveness, mover, drift, metrics, config, vertx, trace);
    }
}
