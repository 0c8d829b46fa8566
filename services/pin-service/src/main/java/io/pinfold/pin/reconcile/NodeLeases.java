package io.pinfold.pin.reconcile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy's claims on nodes (table reconcile_lease), so several pin-service copies split the reconcile work and
 * never call the same node at once. Each refresh renews the claims it holds, takes free or expired ones up to a
 * fair share (nodes / live copies, rounded up) and gives back surplus nodes that are idle.
 *
 * <p>Like the outbox relay's lease: this copy believes a claim until 80% of the TTL after it asked (its own
 * monotonic clock, measured from before the query left), always short of the expiry the database wrote, and
 * another copy can take the node only after that expiry. Work on a node starts only while the belief holds, and
 * work still running when it ends is cancelled ({@link Reconciler#enforceLeases()}).
 */
public class NodeLeases {
    private final Pool pool;
    private final Duration ttl;
    private final String owner;
    /** node id → until when (System.nanoTime) this copy surely holds it. */
    private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();
    /** Held nodes above this copy's share that are still busy: no new work starts there, so they can be given back. */
    private final Set<String> surplus = ConcurrentHashMap.newKeySet();

    public NodeLeases(Pool pool, Duration ttl, String owner) {
        this.pool = pool;
        this.ttl = ttl;
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    /** True while this copy surely holds {@code nodeId}'s lease. */
    public boolean holds(String nodeId) {
        Long until = heldUntil.get(nodeId);
        return until != null && until - System.nanoTime() > 0;
    }

    /** True for a node this copy holds above its share: it finishes what runs there and starts nothing new. */
    public boolean givingBack(String nodeId) {
        return surplus.contains(nodeId);
    }

    /** Nodes this copy currently believes it holds. */
    public Set<String> held() {
        Set<String> held = new HashSet<>();
        heldUntil.keySet().forEach(node -> {
            if (holds(node)) {
                held.add(node);
            }
        });
        return held;
    }

    /**
     * Renews, takes and gives back claims.
     *
     * @param nodes every node to be reconciled
     * @param busy  nodes with work running here, never given back while it runs
     * @return the nodes this copy holds now
     */
    public Uni<Set<String>> refresh(List<String> nodes, Collection<String> busy) {
        long asked = System.nanoTime();
        double seconds = ttl.toMillis() / 1000.0;
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO reconcile_member (owner, expires_at) VALUES ($1, now() + make_interval(secs => $2))
                        ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at""")
                .execute(Tuple.of(owner, seconds))
                .chain(() -> conn.preparedQuery("SELECT count(*) FROM reconcile_member WHERE expires_at > now()").execute())
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(members -> conn.preparedQuery("""
                                UPDATE reconcile_lease SET expires_at = now() + make_interval(secs => $2)
                                WHERE owner = $1 AND node_id = ANY($3) RETURNING node_id""")
                        .execute(Tuple.of(owner, seconds, nodes.toArray(String[]::new)))
                        .map(NodeLeases::ids)
                        .chain(renewed -> {
                            long copies = Math.max(1L, members);
                            int share = (int) ((nodes.size() + copies - 1) / copies);
                            if (renewed.size() < share) {
                                return take(conn, nodes, share - renewed.size(), seconds).map(taken -> union(renewed, taken));
                            }
                            if (renewed.size() <= share) {
                                surplus.clear();
                            }
                            if (renewed.size() > share) {
                                return giveBack(conn, renewed, renewed.size() - share, busy);
                            }
                            return Uni.createFrom().item(renewed);
                        })))
                .invoke(held -> {
                    long until = asked + ttl.toNanos() * 8 / 10;
                    heldUntil.keySet().removeIf(node -> !held.contains(node));
                    held.forEach(node -> heldUntil.put(node, until));
                });
    }

    private Uni<Set<String>> take(io.vertx.mutiny.sqlclient.SqlConnection conn, List<String> nodes, int wanted, double seconds) {
        // Start at a place that depends on the owner, so copies taking at once mostly ask for different nodes.
        List<String> order = new ArrayList<>(nodes);
        if (!order.isEmpty()) {
            java.util.Collections.rotate(order, Math.floorMod(owner.hashCode(), order.size()));
        }
        return conn.preparedQuery("""
                        SELECT n.id FROM unnest($1::text[]) WITH ORDINALITY AS n(id, pos)
                        LEFT JOIN reconcile_lease l ON l.node_id = n.id
                        WHERE l.node_id IS NULL OR l.expires_at < now()
                        ORDER BY n.pos LIMIT $2""")
                .execute(Tuple.of(order.toArray(String[]::new), wanted))
                .map(NodeLeases::ids)
                .chain(free -> free.isEmpty() ? Uni.createFrom().item(Set.<String>of()) : conn.preparedQuery("""
                                INSERT INTO reconcile_lease (node_id, owner, expires_at)
                                SELECT id, $2, now() + make_interval(secs => $3) FROM unnest($1::text[]) AS id
                                ON CONFLICT (node_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                                WHERE reconcile_lease.expires_at < now() OR reconcile_lease.owner = EXCLUDED.owner
                                RETURNING node_id""")
                        .execute(Tuple.of(free.toArray(String[]::new), owner, seconds))
                        .map(NodeLeases::ids));
    }

    private Uni<Set<String>> giveBack(io.vertx.mutiny.sqlclient.SqlConnection conn, Set<String> held, int surplus,
                                      Collection<String> busy) {
        // Idle nodes go back at once; busy ones first finish their running work (givingBack), then go.
        List<String> order = held.stream().sorted(java.util.Comparator.comparing((String node) -> busy.contains(node)).thenComparing(node -> node))
                .limit(surplus).toList();
        List<String> idle = order.stream().filter(node -> !busy.contains(node)).toList();
        this.surplus.clear();
        order.stream().filter(busy::contains).forEach(this.surplus::add);
        if (idle.isEmpty()) {
            return Uni.createFrom().item(held);
        }
        idle.forEach(heldUntil::remove); // stop believing before the row goes
        return conn.preparedQuery("DELETE FROM reconcile_lease WHERE owner = $1 AND node_id = ANY($2)")
                .execute(Tuple.of(owner, idle.toArray(String[]::new)))
                .map(ignored -> {
                    Set<String> kept = new HashSet<>(held);
                    idle.forEach(kept::remove);
                    return kept;
                });
    }

    /** Gives every claim back (orderly shutdown), so other copies take the nodes at once instead of after the TTL. */
    public Uni<Void> releaseAll() {
        heldUntil.clear();
        surplus.clear();
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM reconcile_lease WHERE owner = $1").execute(Tuple.of(owner))
                .chain(() -> conn.preparedQuery("DELETE FROM reconcile_member WHERE owner = $1").execute(Tuple.of(owner))))
                .replaceWithVoid();
    }

    private static Set<String> ids(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        Set<String> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
