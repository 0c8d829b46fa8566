package io.pinfold.gc.run;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.placement.PinPlacements.SoleReplicas;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-node GC lease rows (gc_lease): one run per node at a time across every gc-service copy. Times are
 * clock_timestamp(), not now(): now() is when the transaction began, and a start waits for the others' lock first, so
 * a lease reckoned from now() could be born (nearly) expired. A copy that dies
 * stops renewing; the row expires and {@link LeaseReaper} (on any copy) closes the run and returns the node.
 */
@ApplicationScoped
public class NodeLeases {
    /** Serializes every run start across copies, so drain limits are checked against a stable picture. */
    static final String START_LOCK = "gc-service/run-start";

    private final Pool pool;
    private final GcConfig config;
    private final String owner = UUID.randomUUID().toString();

    public NodeLeases(Pool pool, GcConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public String owner() {
        return owner;
    }

    /** A lease another copy or this one holds (expired or not), as read inside the start transaction. */
    public record Held(String nodeId, UUID runId, boolean drained, boolean expired) {}

    Uni<Void> lockStarts() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))", Integer.class)
                .setParameter("key", START_LOCK)
                .getSingleResult()).replaceWithVoid();
    }

    Uni<Optional<Held>> find(String nodeId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT node_id, run_id, drained, expires_at < clock_timestamp() FROM gc_lease WHERE node_id = :node FOR UPDATE",
                        Object[].class)
                .setParameter("node", nodeId)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(NodeLeases::held));
    }

    /**
     * How many nodes live or expired-but-unreaped leases keep drained, how many other active nodes serve, and the
     * content only this node serves.
     */
    Uni<DrainRule> drainRule(String nodeId, SoleReplicas sole) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT (SELECT count(*) FROM gc_node n
                                 WHERE n.state = 'active' AND n.id <> :node
                                   AND NOT EXISTS (SELECT 1 FROM gc_lease l WHERE l.node_id = n.id AND l.drained)),
                               (SELECT count(*) FROM gc_lease WHERE drained)""", Object[].class)
                .setParameter("node", nodeId)
                .getSingleResult())
                .map(row -> new DrainRule(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), config.maxDrained(),
                        sole.count(), sole.example()));
    }

    Uni<Void> take(String nodeId, UUID runId, boolean drained) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO gc_lease (node_id, run_id, owner, drained, expires_at)
                        VALUES (:node, :run, :owner, :drained, clock_timestamp() + make_interval(secs => :ttl))""")
                .setParameter("node", nodeId)
                .setParameter("run", runId)
                .setParameter("owner", owner)
                .setParameter("drained", drained)
                .setParameter("ttl", config.leaseTtl().toMillis() / 1000.0)
                .executeUpdate()).replaceWithVoid();
    }

    /** Extends this copy's lease on the node; false when it is no longer ours (it expired and was reaped). */
    Uni<Boolean> renew(String nodeId, UUID runId) {
        return pool.preparedQuery("""
                        UPDATE gc_lease SET expires_at = clock_timestamp() + make_interval(secs => $4)
                        WHERE node_id = $1 AND run_id = $2 AND owner = $3 AND expires_at > clock_timestamp()""")
                .execute(Tuple.of(nodeId, runId, owner, config.leaseTtl().toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives this run's lease up, inside the closing transaction; false when another copy already reaped it. */
    Uni<Boolean> release(String nodeId, UUID runId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM gc_lease WHERE node_id = :node AND run_id = :run AND owner = :owner")
                .setParameter("node", nodeId)
                .setParameter("run", runId)
                .setParameter("owner", owner)
                .executeUpdate())
                .map(deleted -> deleted == 1);
    }

    /** Removes one expired lease (any owner), locked so that copies reaping at once take different rows. */
    Uni<Optional<Held>> takeOneExpired() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        DELETE FROM gc_lease WHERE node_id = (
                            SELECT node_id FROM gc_lease WHERE expires_at < clock_timestamp() LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING node_id, run_id, drained, true""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(NodeLeases::held));
    }

    /** Removes the node's lease when it has expired, inside the start transaction (the row is already locked). */
    Uni<Void> remove(String nodeId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM gc_lease WHERE node_id = :node")
                .setParameter("node", nodeId)
                .executeUpdate()).replaceWithVoid();
    }

    private static Held held(Object[] row) {
        return new Held((String) row[0], (UUID) row[1], (Boolean) row[2], (Boolean) row[3]);
    }

}
