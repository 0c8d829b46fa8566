package io.pinfold.gc.reclaim;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A node's repo size against its StorageMax, as repo stat last said. */
@Entity
@Table(name = "gc_node_usage")
public class NodeUsage extends PanacheEntityBase {
    @Id
    @Column(name = "node_id")
    public String nodeId;

    @Column(name = "repo_size", nullable = false)
    public long repoSize;

    @Column(name = "storage_max", nullable = false)
    public long storageMax;

    @Column(name = "checked_at", nullable = false)
    public OffsetDateTime checkedAt;

    /** Percentage of StorageMax in use; 0 when the node has no limit. */
    public int usedPercent() {
        if (storageMax <= 0 || storageMax == Long.MAX_VALUE) {
            return 0;
        }
        return (int) Math.min(100, repoSize * 100 / storageMax);
    }
}
