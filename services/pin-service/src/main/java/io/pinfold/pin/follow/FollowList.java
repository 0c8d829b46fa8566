package io.pinfold.pin.follow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant's named follow list: its schedule, how many versions stay pinned, the grace period and its pins' options. */
@Entity
@Table(name = "follow_list")
public class FollowList extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "interval_seconds", nullable = false)
    public int intervalSeconds;

    @Column(name = "jitter_seconds", nullable = false)
    public int jitterSeconds;

    @Column(name = "keep_versions", nullable = false)
    public int keepVersions;

    @Column(name = "grace_seconds", nullable = false)
    public long graceSeconds;

    @Column(name = "replication_min")
    public Integer replicationMin;

    @Column(name = "replication_max")
    public Integer replicationMax;

    /** The meta every pin of the list gets, as a JSON object of strings. */
    @Column(nullable = false)
    public String meta = "{}";

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
