package io.pinfold.gc.purge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What is to be purged where, and what was (gc_purge, gc_purge_node). */
@ApplicationScoped
public class PurgeLedger {
    private final Pool pool;

    public PurgeLedger(Pool pool) {
        this.pool = pool;
    }

    /**
     * Content blocked: to be purged from every node known now (and, by {@link #coverNodes}, from later ones).
     * {@code cid} may be null (the entry named only the multihash).
     */
    Uni<Void> blocked(String entryKey, String cid, String multihash, String noticeId) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO gc_purge (entry_key, cid, multihash, notice_id, added_at) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (entry_key) DO UPDATE SET cid = EXCLUDED.cid, multihash = EXCLUDED.multihash,
                            notice_id = EXCLUDED.notice_id, lifted_at = NULL""")
                .execute(Tuple.of(entryKey, cid, multihash, noticeId, now()))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO gc_purge_node (entry_key, node_id, state) SELECT $1, id, 'pending' FROM gc_node
                                ON CONFLICT DO NOTHING""").execute(Tuple.of(entryKey))))
                .replaceWithVoid();
    }

    /**
     * The entry was lifted (tombstone): purges not done yet are dropped, done ones stay on record (the entry marked
     * lifted, so nodes announced later are not covered).
     */
    Uni<Void> lifted(String entryKey) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM gc_purge_node WHERE entry_key = $1 AND state = 'pending'")
                .execute(Tuple.of(entryKey))
                .chain(() -> connection.preparedQuery("""
                        DELETE FROM gc_purge p WHERE entry_key = $1
                          AND NOT EXISTS (SELECT 1 FROM gc_purge_node n WHERE n.entry_key = p.entry_key)""")
                        .execute(Tuple.of(entryKey)))
                .chain(() -> connection.preparedQuery("UPDATE gc_purge SET lifted_at = $2 WHERE entry_key = $1")
                        .execute(Tuple.of(entryKey, now()))))
                .replaceWithVoid();
    }

    /** Nodes announced after the content was blocked are to be purged too. */
    Uni<Void> coverNodes() {
        return pool.query("""
                INSERT INTO gc_purge_node (entry_key, node_id, state)
                SELECT p.entry_key, n.id, 'pending' FROM gc_purge p CROSS JOIN gc_node n WHERE p.lifted_at IS NULL
                ON CONFLICT DO NOTHING""").execute().replaceWithVoid();
    }

    /** Active nodes with a purge due: never looked at, looked at longer than {@code recheck} ago, or unpinned since. */
    Uni<List<String>> nodesDue(Duration recheck) {
        return pool.preparedQuery("""
                        SELECT DISTINCT pn.node_id FROM gc_purge_node pn JOIN gc_node n ON n.id = pn.node_id
                        WHERE pn.state = 'pending' AND n.state = 'active'
                          AND (pn.checked_at IS NULL OR pn.checked_at < $1 OR pn.woken_at > pn.checked_at)""")
                .execute(Tuple.of(now().minus(recheck))).map(rows -> {
                    List<String> nodes = new ArrayList<>();
                    rows.forEach(row -> nodes.add(row.getString(0)));
                    return nodes;
                });
    }

    /** pin-status says the content was unpinned on the node: its purge there is due at once. */
    public Uni<Void> unpinnedOn(String nodeId, String multihash) {
        return pool.preparedQuery("""
                        UPDATE gc_purge_node SET woken_at = $3 WHERE node_id = $1 AND state = 'pending'
                          AND entry_key IN (SELECT entry_key FROM gc_purge WHERE multihash = $2)""")
                .execute(Tuple.of(nodeId, multihash, now())).replaceWithVoid();
    }

    /**
     * A purge run started on the node at {@code at}: what is pending there is not due again before the recheck
     * interval (a run that fails — the node's RPC does not answer — is not retried every tick), unless woken since.
     */
    Uni<Void> attempted(String nodeId, OffsetDateTime at) {
        return pool.preparedQuery("""
                        UPDATE gc_purge_node SET checked_at = $2 WHERE node_id = $1 AND state = 'pending'
                          AND (checked_at IS NULL OR checked_at < $2)""")
                .execute(Tuple.of(nodeId, at)).replaceWithVoid();
    }

    public Uni<List<PendingPurge>> pendingOn(String nodeId) {
        return pool.preparedQuery("""
                        SELECT p.entry_key, p.cid, p.multihash FROM gc_purge_node pn JOIN gc_purge p ON p.entry_key = pn.entry_key
                        WHERE pn.node_id = $1 AND pn.state = 'pending' ORDER BY p.added_at""")
                .execute(Tuple.of(nodeId)).map(rows -> {
                    List<PendingPurge> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new PendingPurge(row.getString(0), row.getString(1), row.getString(2)));
                    }
                    return pending;
                });
    }

    /**
     * The node still pinned it when its live roots were read at {@code lookedAt}: looked at again after the recheck
     * interval, or when pin-status says it was unpinned (also if that came after {@code lookedAt}, while the run went on).
     */
    public Uni<Void> stillPinned(String nodeId, List<String> entryKeys, OffsetDateTime lookedAt) {
        if (entryKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE gc_purge_node SET checked_at = $1 WHERE node_id = $2 AND entry_key = ANY($3)")
                .execute(Tuple.of(lookedAt, nodeId, entryKeys.toArray(new String[0]))).replaceWithVoid();
    }

    /** Purged from the node by the run that holds its lease now. */
    public Uni<Void> purged(String nodeId, List<String> entryKeys) {
        if (entryKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        UPDATE gc_purge_node SET state = 'purged', purged_at = $1,
                            run_id = (SELECT run_id FROM gc_lease WHERE node_id = $2)
                        WHERE node_id = $2 AND entry_key = ANY($3)""")
                .execute(Tuple.of(now(), nodeId, entryKeys.toArray(new String[0]))).replaceWithVoid();
    }

    /** Every purge of a notice's content, node by node. */
    Uni<List<PurgeView>> ofNotice(String noticeId) {
        return pool.preparedQuery("""
                        SELECT p.entry_key, p.cid, p.multihash, p.notice_id, pn.node_id, pn.state, pn.purged_at, pn.run_id,
                               r.blocks_removed, r.bytes_freed
                        FROM gc_purge p JOIN gc_purge_node pn ON pn.entry_key = p.entry_key
                        LEFT JOIN gc_run r ON r.id = pn.run_id
                        WHERE p.notice_id = $1 ORDER BY p.entry_key, pn.node_id""")
                .execute(Tuple.of(noticeId)).map(rows -> {
                    List<PurgeView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(new PurgeView(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getOffsetDateTime(6),
                                row.getUUID(7) == null ? null : row.getUUID(7).toString(), row.getLong(8), row.getLong(9)));
                    }
                    return views;
                });
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Blocked content not yet purged from a node.
     *
     * @param cid       as the denylist entry named it; null when it named only the multihash
     * @param multihash base32, always known
     */
    public record PendingPurge(String entryKey, String cid, String multihash) {
    }
}
