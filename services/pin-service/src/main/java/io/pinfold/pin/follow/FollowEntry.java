package io.pinfold.pin.follow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One name of a follow list, with its schedule, its last outcome and the lease of the copy resolving it. */
@Entity
@Table(name = "follow_entry")
public class FollowEntry extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "list_id", nullable = false)
    public UUID listId;

    /** As the tenant wrote it. */
    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String normalized;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "next_resolve_at", nullable = false)
    public OffsetDateTime nextResolveAt;

    @Column(nullable = false)
    public int failures;

    @Column(name = "current_path")
    public String currentPath;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    public FollowTarget parsedTarget() {
        return FollowTarget.parse("target", target);
    }
}
