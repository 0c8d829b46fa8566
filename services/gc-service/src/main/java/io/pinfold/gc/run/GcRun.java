package io.pinfold.gc.run;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One GC run on one node, from its start to its outcome. */
@Entity
@Table(name = "gc_run")
public class GcRun extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String ABANDONED = "abandoned";
    public static final String DRY_RUN = "dry-run";

    @Id
    public UUID id;

    @Column(name = "node_id", nullable = false)
    public String nodeId;

    @Column(nullable = false)
    public String mode;

    @Column(name = "run_trigger", nullable = false)
    public String trigger;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Column(nullable = false)
    public boolean drained;

    @Column(nullable = false)
    public String outcome;

    public String error;

    @Column(name = "blocks_removed", nullable = false)
    public long blocksRemoved;

    @Column(name = "bytes_freed", nullable = false)
    public long bytesFreed;

    @Column(name = "estimated_bytes")
    public Long estimatedBytes;

    @Column(name = "mode_reason")
    public String modeReason;

    @Column(name = "lock_ms")
    public Long lockMillis;

    @Column(name = "duration_ms")
    public Long durationMillis;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
