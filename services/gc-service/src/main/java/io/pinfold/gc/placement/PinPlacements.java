package io.pinfold.gc.placement;

import io.pinfold.ipfs.cid.Cid;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Which node pins which content for pin-service (gc_pin_placement), learned from pinfold.pin-status: pinned on a node
 * adds the pin's placement there, unpinned removes it. The drain rule asks it for the content a node alone serves.
 * Only what was consumed is known: pins that became pinned before gc-service consumed pinfold.pin-status (7 days of
 * it) are not.
 */
@ApplicationScoped
public class PinPlacements {

    /** Inside the consumer's transaction: the pin is pinned on the node (again: kept as first seen). */
    public Uni<Void> pinned(String nodeId, String pinId, String cid) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO gc_pin_placement (node_id, pin_id, cid, multihash, pinned_at)
                        VALUES (:node, :pin, :cid, :multihash, :at) ON CONFLICT (node_id, pin_id) DO NOTHING""")
                .setParameter("node", nodeId).setParameter("pin", pinId).setParameter("cid", cid)
                .setParameter("multihash", Cid.parse(cid).multihash().toBase32())
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** Inside the consumer's transaction: the pin is no longer pinned on the node. */
    public Uni<Void> unpinned(String nodeId, String pinId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM gc_pin_placement WHERE node_id = :node AND pin_id = :pin")
                .setParameter("node", nodeId).setParameter("pin", pinId)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Inside the run-start transaction: the pinned content that no other node serves — none that is active and not
     * drained by a GC lease pins it (matched by multihash, so any CID form counts).
     */
    public Uni<SoleReplicas> soleReplicasOn(String nodeId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT count(DISTINCT p.multihash), min(p.cid) FROM gc_pin_placement p
                        WHERE p.node_id = :node
                          AND NOT EXISTS (SELECT 1 FROM gc_pin_placement q JOIN gc_node n ON n.id = q.node_id
                                          WHERE q.multihash = p.multihash AND q.node_id <> :node AND n.state = 'active'
                                            AND NOT EXISTS (SELECT 1 FROM gc_lease l WHERE l.node_id = n.id AND l.drained))""",
                        Object[].class)
                .setParameter("node", nodeId)
                .getSingleResult())
                .map(row -> new SoleReplicas(((Number) row[0]).longValue(), (String) row[1]));
    }

    /**
     * @param count   distinct contents pinned on the node and on no other active, undrained node
     * @param example one of them (a CID), null when none
     */
    public record SoleReplicas(long count, String example) {
    }
}
