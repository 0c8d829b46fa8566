package io.pinfold.pin.desired;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One pin request's desired state: pinned (removedAt null) or removed. */
@Entity
@Table(name = "desired_pin")
public class DesiredPin extends PanacheEntityBase {
    @Id
    @Column(name = "pin_id")
    public String pinId;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String cid;

    /** Base32 multihash of the CID: the content's identity (blocking, GC), whatever the CID's version or base. */
    @Column(nullable = false)
    public String multihash;

    public String name;

    public Integer replication;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "removed_at")
    public OffsetDateTime removedAt;

    @Column(name = "removal_reason")
    public String removalReason;
}
