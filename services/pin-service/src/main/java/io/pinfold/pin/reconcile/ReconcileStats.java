package io.pinfold.pin.reconcile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads pins by node and status, and each node's reconcile lag, into {@link ReconcileMetrics}. */
@ApplicationScoped
public class ReconcileStats {
    private final Pool pool;
    private final ReconcileMetrics metrics;

    public ReconcileStats(Pool pool, ReconcileMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    public Uni<Void> refresh() {
        return pool.query("SELECT node_id, status, count(*) FROM node_pin GROUP BY node_id, status").execute()
                .invoke(rows -> {
                    metrics.clearPins(); // a status no row has any more reads 0, not its last count
                    rows.forEach(row -> metrics.pins(row.getString(0), row.getString(1), row.getLong(2)));
                })
                .chain(() -> pool.query("""
                        SELECT k.id, coalesce(extract(epoch FROM now() - min(np.next_attempt_at)), 0)::bigint
                        FROM kubo_node k LEFT JOIN node_pin np ON np.node_id = k.id AND np.next_attempt_at <= now()
                        GROUP BY k.id""").execute())
                .invoke(rows -> rows.forEach(row -> metrics.lag(row.getString(0), row.getLong(1))))
                .replaceWithVoid();
    }
}
