package io.pinfold.gc.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** When and how GC runs on one node, as the operator set it. */
@Entity
@Table(name = "gc_policy")
public class GcPolicy extends PanacheEntityBase {
    @Id
    @Column(name = "node_id")
    public String nodeId;

    @Column(nullable = false)
    public String mode;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Column(name = "reclaimable_bytes_watermark")
    public Long reclaimableBytesWatermark;

    @Column(name = "repo_usage_watermark_percent")
    public Integer repoUsageWatermarkPercent;

    @Column(name = "min_interval_seconds", nullable = false)
    public long minIntervalSeconds;

    /** Comma-separated HH:MM-HH:MM windows in UTC; empty means any time. */
    @Column(nullable = false)
    public String windows;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
