package io.pinfold.gc.reclaim;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** What is reclaimable on each node: the unpinned roots and the bytes they hold. */
@ApplicationScoped
public class ReclaimableRoots {

    /** Inside the consumer's transaction: the root was unpinned on the node (again: kept as first seen). */
    Uni<Void> unpinned(String nodeId, String cid, String pinId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO gc_reclaimable_root (node_id, cid, pin_id, unpinned_at) VALUES (:node, :cid, :pin, :at)
                        ON CONFLICT (node_id, cid) DO NOTHING""")
                .setParameter("node", nodeId).setParameter("cid", cid).setParameter("pin", pinId)
                // this copy's clock, like the run's started_at it is compared with
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** Inside the consumer's transaction: the root is pinned on the node again, so nothing of it is reclaimable. */
    Uni<Void> pinned(String nodeId, String cid) {
        return ReclaimableRoot.delete("key.nodeId = ?1 and key.cid = ?2", nodeId, cid).replaceWithVoid();
    }

    Uni<Void> sized(String nodeId, String cid, long bytes) {
        return Panache.withTransaction(() -> ReclaimableRoot.update("sizeBytes = ?1 where key.nodeId = ?2 and key.cid = ?3",
                bytes, nodeId, cid)).replaceWithVoid();
    }

    Uni<List<ReclaimableRoot>> unsized(int most) {
        return Panache.withSession(() -> ReclaimableRoot.<ReclaimableRoot>find("sizeBytes is null order by unpinnedAt")
                .range(0, most - 1).list());
    }

    /** Bytes the node's known unpinned roots hold (unsized roots count 0); null when none are known. */
    public Uni<Long> estimatedBytes(String nodeId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT count(*), coalesce(sum(size_bytes), 0) FROM gc_reclaimable_root WHERE node_id = :node", Object[].class)
                .setParameter("node", nodeId).getSingleResult()))
                .map(row -> ((Number) row[0]).longValue() == 0 ? null : ((Number) row[1]).longValue());
    }

    /** After a full GC that started at {@code startedAt}: roots unpinned before then are gone from the node. */
    public Uni<Void> forgetCollected(String nodeId, OffsetDateTime startedAt) {
        return Panache.withTransaction(() -> ReclaimableRoot.delete("key.nodeId = ?1 and unpinnedAt < ?2", nodeId, startedAt))
                .replaceWithVoid();
    }
}
