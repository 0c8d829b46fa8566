package io.pinfold.gc.reclaim;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A root unpinned on a node whose blocks may still be there; sizeBytes from dag stat, null until the node answered. */
@Entity
@Table(name = "gc_reclaimable_root")
public class ReclaimableRoot extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "node_id") String nodeId, @Column(name = "cid") String cid) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "pin_id", nullable = false)
    public String pinId;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "unpinned_at", nullable = false)
    public OffsetDateTime unpinnedAt;
}
