package io.pinfold.gc.index;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.reclaim.BlockRef;
import io.pinfold.kubo.reclaim.LiveRoots;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Targeted GC's block-reference index in PostgreSQL (gc_index_root, gc_index_block): for every root a node keeps or
 * kept, the keys of its blocks. {@link #sync} brings a node's entry in line with the node's live roots, walking only
 * roots it has not seen (a DAG never changes under its CID), so its cost follows what was pinned and unpinned since
 * the last sync, not the repo. Only a run holding the node's lease syncs it, so syncs of one node never overlap; roots
 * pinned meanwhile may be indexed ahead of the run by {@link #indexPinned} (from pinfold.pin-status), so a sync finds
 * them known instead of walking them. Both writers insert a root only if it is not there yet (the unique key), and a
 * root indexed as live only keeps more blocks; the sync's fingerprint and the node's walk of roots new since it, under
 * the GC lock, stay what makes deletion safe.
 */
@ApplicationScoped
public class BlockIndex {
    private static final Logger LOG = Logger.getLogger(BlockIndex.class);
    private static final int INSERT_CHUNK = 5_000;
    /** A root with at most this many blocks is walked into memory and recorded with others in one transaction. */
    static final int SMALL_ROOT_BLOCKS = 2_000;
    /** Small roots recorded per transaction. */
    static final int GROUP = 32;

    private final Pool pool;
    private final int walkConcurrency;

    public BlockIndex(Pool pool, GcConfig config) {
        this.pool = pool;
        this.walkConcurrency = Math.max(1, config.indexWalkConcurrency());
    }

    /** Indexes the node's live roots as they are now; answers their fingerprint, which pinfold/reclaim checks. */
    public Uni<String> sync(String nodeId, KuboClient node) {
        long started = System.nanoTime();
        return node.reclaim().roots()
                .chain(live -> known(nodeId).chain(known -> apply(nodeId, node, live, known))
                        .invoke(walked -> LOG.debugf("index sync of %s: %d live roots, %d walked, %d ms", nodeId,
                                live.roots().size(), walked, (System.nanoTime() - started) / 1_000_000))
                        .replaceWith(live.fingerprint()));
    }

    /**
     * Roots pinned (whole DAG) on the node, as pinfold.pin-status said: walked into the index as live now, outside any
     * run, unless the index knows them already (a known root no longer live is marked live again). Answers how many it
     * walked. Only ever adds protection: a root indexed live that the node does not keep is retired by the next sync.
     */
    public Uni<Integer> indexPinned(String nodeId, KuboClient node, List<String> cids) {
        List<String> distinct = cids.stream().distinct().toList();
        return pool.preparedQuery("UPDATE gc_index_root SET live = TRUE WHERE node_id = $1 AND root_cid = ANY($2) AND whole_dag "
                        + "RETURNING root_cid").execute(Tuple.of(nodeId, distinct.toArray(new String[0])))
                .chain(rows -> {
                    Set<String> known = new HashSet<>();
                    rows.forEach(row -> known.add(row.getString(0)));
                    return indexAll(nodeId, node, distinct.stream().filter(cid -> !known.contains(cid))
                            .map(cid -> new Walk(new RootKey(cid, true), "pinned", true, null)).toList());
                });
    }

    /** The blocks only roots that are no longer live reach, and those roots. */
    public Uni<Candidates> candidates(String nodeId) {
        return candidatesOf(nodeId, pool.preparedQuery("SELECT id FROM gc_index_root WHERE node_id = $1 AND NOT live")
                .execute(Tuple.of(nodeId)));
    }

    /** The blocks of these roots, if still not live, that no live root reaches. */
    public Uni<Candidates> candidates(String nodeId, List<Long> rootIds) {
        return candidatesOf(nodeId, pool.preparedQuery("SELECT id FROM gc_index_root WHERE node_id = $1 AND NOT live AND id = ANY($2)")
                .execute(Tuple.of(nodeId, rootIds.toArray(new Long[0]))));
    }

    /**
     * Blocked content to purge: its DAG as the node holds it, walked into the index as a root no longer kept (unless
     * the node keeps it under this CID: then nothing). Answers the root's id, or null when it is live.
     */
    public Uni<Long> indexBlocked(String nodeId, KuboClient node, String cid) {
        RootKey key = new RootKey(cid, true);
        return known(nodeId).chain(known -> {
            IndexedRoot indexed = known.get(key);
            if (indexed != null && indexed.live()) {
                return Uni.createFrom().nullItem();
            }
            if (indexed != null && indexed.complete()) {
                return Uni.createFrom().item(indexed.id());
            }
            return index(nodeId, node, new Walk(key, "blocked", false, indexed == null ? null : indexed.id()))
                    .chain(ignored -> pool.preparedQuery("SELECT id FROM gc_index_root WHERE node_id = $1 AND root_cid = $2 AND whole_dag")
                            .execute(Tuple.of(nodeId, cid)).map(rows -> rows.iterator().next().getLong(0)));
        });
    }

    private Uni<Candidates> candidatesOf(String nodeId, Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> deadRoots) {
        Uni<List<Long>> dead = deadRoots.map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
        return dead.chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new Candidates(ids, List.of()))
                : pool.preparedQuery("""
                        SELECT DISTINCT b.block_key FROM gc_index_block b
                        WHERE b.root_id = ANY($2)
                          AND NOT EXISTS (SELECT 1 FROM gc_index_block k JOIN gc_index_root r ON r.id = k.root_id
                                          WHERE k.node_id = $1 AND k.block_key = b.block_key AND r.live)""")
                        .execute(Tuple.of(nodeId, ids.toArray(new Long[0]))).map(rows -> {
                            List<String> keys = new ArrayList<>(rows.rowCount());
                            rows.forEach(row -> keys.add(row.getString(0)));
                            return new Candidates(ids, keys);
                        }));
    }

    /** After their blocks were removed: the roots that are still not live leave the index. */
    public Uni<Void> forget(List<Long> rootIds) {
        if (rootIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("DELETE FROM gc_index_root WHERE id = ANY($1) AND NOT live")
                .execute(Tuple.of((Object) rootIds.toArray(new Long[0]))).replaceWithVoid();
    }

    private Uni<Map<RootKey, IndexedRoot>> known(String nodeId) {
        return pool.preparedQuery("SELECT id, root_cid, whole_dag, live, complete FROM gc_index_root WHERE node_id = $1")
                .execute(Tuple.of(nodeId)).map(rows -> {
                    Map<RootKey, IndexedRoot> known = new HashMap<>();
                    for (Row row : rows) {
                        known.put(new RootKey(row.getString(1), row.getBoolean(2)),
                                new IndexedRoot(row.getLong(0), row.getBoolean(3), row.getBoolean(4)));
                    }
                    return known;
                });
    }

    /** Answers how many roots it walked. */
    private Uni<Integer> apply(String nodeId, KuboClient node, LiveRoots live, Map<RootKey, IndexedRoot> known) {
        Map<RootKey, String> liveKinds = new LinkedHashMap<>();
        live.roots().forEach(root -> liveKinds.putIfAbsent(new RootKey(root.cid(), !root.directOnly()), root.kind()));
        List<Long> retire = new ArrayList<>();
        List<Long> revive = new ArrayList<>();
        List<Walk> walks = new ArrayList<>();
        known.forEach((key, indexed) -> {
            if (indexed.live() && !liveKinds.containsKey(key)) {
                retire.add(indexed.id());
            }
        });
        liveKinds.forEach((key, kind) -> {
            IndexedRoot indexed = known.get(key);
            if (indexed == null || !indexed.complete()) {
                walks.add(new Walk(key, kind, true, indexed == null ? null : indexed.id()));
            } else if (!indexed.live()) {
                revive.add(indexed.id());
            }
        });
        return setLive(retire, false)
                .chain(() -> setLive(revive, true))
                .chain(() -> indexAll(nodeId, node, walks))
                .chain(() -> indexUnpinned(nodeId, node, known, liveKinds))
                .replaceWith(walks.size());
    }

    /**
     * Walks these roots and records them. New roots are mostly small (pins landing): each is walked into memory (a few
     * at a time) and they are recorded {@value #GROUP} to a transaction; one with more than {@value #SMALL_ROOT_BLOCKS}
     * blocks is walked again, streamed, in a transaction of its own ({@link #index}). Answers how many it recorded.
     */
    private Uni<Integer> indexAll(String nodeId, KuboClient node, List<Walk> walks) {
        if (walks.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(walks)
                .onItem().transformToUni(walk -> node.reclaim().refs(walk.key().cid(), !walk.key().wholeDag())
                        .select().first(SMALL_ROOT_BLOCKS + 1).collect().asList()
                        .map(refs -> new Walked(walk, refs.size() > SMALL_ROOT_BLOCKS ? null : refs)))
                .merge(walkConcurrency)
                .group().intoLists().of(GROUP)
                .onItem().transformToUniAndConcatenate(group -> recordSmall(nodeId, group)
                        .chain(small -> Multi.createFrom().iterable(group).filter(walked -> walked.refs() == null)
                                .onItem().transformToUniAndConcatenate(walked -> index(nodeId, node, walked.walk()))
                                .collect().with(java.util.stream.Collectors.counting())
                                .map(large -> small + large.intValue())))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    /**
     * Records the small roots of a group and their blocks in one transaction. A root there already (the other writer
     * indexed it meanwhile) is left as it is, except that a root walked as live is marked live. Answers how many it
     * recorded.
     */
    private Uni<Integer> recordSmall(String nodeId, List<Walked> group) {
        Map<RootKey, Walked> small = new LinkedHashMap<>();
        group.stream().filter(walked -> walked.refs() != null).forEach(walked -> small.putIfAbsent(walked.walk().key(), walked));
        if (small.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Walked> roots = new ArrayList<>(small.values());
        Long[] replaced = roots.stream().map(walked -> walked.walk().replaces()).filter(java.util.Objects::nonNull).toArray(Long[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery("DELETE FROM gc_index_root WHERE id = ANY($1)")
                .execute(Tuple.of((Object) replaced))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO gc_index_root (node_id, root_cid, whole_dag, kind, live, complete, block_count, indexed_at)
                                SELECT $1, c, w, k, l, m, n, $8 FROM unnest($2::text[], $3::bool[], $4::text[], $5::bool[], $6::bool[], $7::bigint[])
                                    AS t(c, w, k, l, m, n)
                                ON CONFLICT (node_id, root_cid, whole_dag) DO NOTHING RETURNING id, root_cid, whole_dag""")
                        .execute(Tuple.tuple().addValue(nodeId)
                                .addValue(roots.stream().map(w -> w.walk().key().cid()).toArray(String[]::new))
                                .addValue(roots.stream().map(w -> w.walk().key().wholeDag()).toArray(Boolean[]::new))
                                .addValue(roots.stream().map(w -> w.walk().kind()).toArray(String[]::new))
                                .addValue(roots.stream().map(w -> w.walk().live()).toArray(Boolean[]::new))
                                .addValue(roots.stream().map(w -> w.refs().stream().noneMatch(BlockRef::missing)).toArray(Boolean[]::new))
                                .addValue(roots.stream().map(w -> w.refs().stream().filter(ref -> !ref.missing()).count()).toArray(Long[]::new))
                                .addValue(OffsetDateTime.now(ZoneOffset.UTC))))
                .chain(inserted -> {
                    List<Long> rootIds = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    Set<RootKey> recorded = new HashSet<>();
                    for (Row row : inserted) {
                        RootKey key = new RootKey(row.getString(1), row.getBoolean(2));
                        recorded.add(key);
                        small.get(key).refs().stream().filter(ref -> !ref.missing()).forEach(ref -> {
                            rootIds.add(row.getLong(0));
                            keys.add(ref.key());
                        });
                    }
                    // there already: a root walked as live is live whoever indexed it
                    List<Walked> liveThere = roots.stream().filter(w -> w.walk().live() && !recorded.contains(w.walk().key())).toList();
                    Uni<Void> blocks = keys.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery("""
                                    INSERT INTO gc_index_block (root_id, node_id, block_key)
                                    SELECT r, $2, k FROM unnest($1::bigint[], $3::text[]) AS t(r, k) ON CONFLICT DO NOTHING""")
                                    .execute(Tuple.of(rootIds.toArray(new Long[0]), nodeId, keys.toArray(new String[0]))).replaceWithVoid();
                    Uni<Void> revive = liveThere.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery("""
                                    UPDATE gc_index_root SET live = TRUE WHERE node_id = $1
                                      AND (root_cid, whole_dag) IN (SELECT * FROM unnest($2::text[], $3::bool[]))""")
                                    .execute(Tuple.of(nodeId, liveThere.stream().map(w -> w.walk().key().cid()).toArray(String[]::new),
                                            liveThere.stream().map(w -> w.walk().key().wholeDag()).toArray(Boolean[]::new)))
                                    .replaceWithVoid();
                    return blocks.chain(() -> revive).replaceWith(recorded.size());
                }));
    }

    /**
     * Roots gc-service heard were unpinned (pinfold.pin-status) but never saw live, e.g. pinned before the index
     * existed: walked now, best-effort, while their blocks are still there.
     */
    private Uni<Void> indexUnpinned(String nodeId, KuboClient node, Map<RootKey, IndexedRoot> known, Map<RootKey, String> live) {
        return pool.preparedQuery("SELECT cid FROM gc_reclaimable_root WHERE node_id = $1").execute(Tuple.of(nodeId))
                .chain(rows -> {
                    List<Walk> walks = new ArrayList<>();
                    for (Row row : rows) {
                        RootKey key = new RootKey(row.getString(0), true);
                        if (!known.containsKey(key) && !live.containsKey(key)) {
                            walks.add(new Walk(key, "unpinned", false, null));
                        }
                    }
                    return Multi.createFrom().iterable(walks)
                            .onItem().transformToUniAndConcatenate(walk -> index(nodeId, node, walk)
                                    .onFailure().recoverWithUni(failure -> {
                                        LOG.warnf("unpinned root %s on %s not indexed (%s); a full GC will reclaim it",
                                                walk.key().cid(), nodeId, failure.getMessage());
                                        return Uni.createFrom().item(false);
                                    }))
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> setLive(List<Long> ids, boolean live) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("UPDATE gc_index_root SET live = $1 WHERE id = ANY($2)")
                .execute(Tuple.of(live, ids.toArray(new Long[0]))).replaceWithVoid();
    }

    /**
     * Walks one root on the node and records its blocks, in one transaction: a half-walked root is never seen. When the
     * root is there already (the other writer indexed it meanwhile: a run's sync, or {@link #indexPinned}), nothing is
     * walked; answers whether it walked.
     */
    private Uni<Boolean> index(String nodeId, KuboClient node, Walk walk) {
        return pool.withTransaction(connection -> {
            Uni<Void> clear = walk.replaces() == null ? Uni.createFrom().voidItem()
                    : connection.preparedQuery("DELETE FROM gc_index_root WHERE id = $1").execute(Tuple.of(walk.replaces()))
                            .replaceWithVoid();
            return clear.chain(() -> connection.preparedQuery("""
                                    INSERT INTO gc_index_root (node_id, root_cid, whole_dag, kind, live, complete, block_count, indexed_at)
                                    VALUES ($1, $2, $3, $4, $5, FALSE, 0, $6)
                                    ON CONFLICT (node_id, root_cid, whole_dag) DO NOTHING RETURNING id""")
                            .execute(Tuple.of(nodeId, walk.key().cid(), walk.key().wholeDag(), walk.kind(), walk.live(),
                                    OffsetDateTime.now(ZoneOffset.UTC))))
                    .chain(rows -> rows.iterator().hasNext()
                            ? insertBlocks(connection, nodeId, node, walk, rows.iterator().next().getLong(0)).replaceWith(true)
                            // there already: a root walked as live is live whoever indexed it
                            : !walk.live() ? Uni.createFrom().item(false)
                            : connection.preparedQuery("UPDATE gc_index_root SET live = TRUE WHERE node_id = $1 AND root_cid = $2 AND whole_dag = $3")
                                    .execute(Tuple.of(nodeId, walk.key().cid(), walk.key().wholeDag())).replaceWith(false));
        });
    }

    private Uni<Void> insertBlocks(SqlConnection connection, String nodeId, KuboClient node, Walk walk, long rootId) {
        AtomicLong blocks = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        return node.reclaim().refs(walk.key().cid(), !walk.key().wholeDag())
                .filter(ref -> {
                    if (ref.missing()) {
                        missing.incrementAndGet();
                    }
                    return !ref.missing();
                })
                .map(BlockRef::key)
                .group().intoLists().of(INSERT_CHUNK)
                .onItem().transformToUniAndConcatenate(keys -> {
                    blocks.addAndGet(keys.size());
                    return connection.preparedQuery("""
                                    INSERT INTO gc_index_block (root_id, node_id, block_key)
                                    SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING""")
                            .execute(Tuple.of(rootId, nodeId, keys.toArray(new String[0])));
                })
                .collect().last()
                .chain(() -> connection.preparedQuery("UPDATE gc_index_root SET complete = $1, block_count = $2 WHERE id = $3")
                        .execute(Tuple.of(missing.get() == 0, blocks.get(), rootId)))
                .replaceWithVoid();
    }

    /** A root as the index keys it: a direct pin keeps only its root block, so it is another entry than the whole DAG. */
    record RootKey(String cid, boolean wholeDag) {
    }

    private record IndexedRoot(long id, boolean live, boolean complete) {
    }

    private record Walk(RootKey key, String kind, boolean live, Long replaces) {
    }

    /** A root walked into memory: its refs, or null when it has more than {@value #SMALL_ROOT_BLOCKS} blocks. */
    private record Walked(Walk walk, List<BlockRef> refs) {
    }

    /** The blocks a targeted run may remove, and the roots no longer live they came from. */
    public record Candidates(List<Long> deadRootIds, List<String> keys) {
    }
}
