package io.pinfold.pin.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer of the Pinning Service API: owns pins, holds tokens, may have quotas (null = unlimited). */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "quota_pins")
    public Long quotaPins;

    @Column(name = "quota_bytes")
    public Long quotaBytes;

    @Column(name = "used_pins", nullable = false)
    public long usedPins;

    @Column(name = "used_bytes", nullable = false)
    public long usedBytes;

    /** The tenant's default replication factor; both null: the service's default (pinfold.replication.*). */
    @Column(name = "replication_min")
    public Integer replicationMin;

    @Column(name = "replication_max")
    public Integer replicationMax;
}
