package io.pinfold.pin.follow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A target an entry resolved to, held by one pin of the tenant until it is older than the last N and its grace ended. */
@Entity
@Table(name = "follow_version")
public class FollowVersion extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(name = "pin_id", nullable = false)
    public String pinId;

    @Column(nullable = false)
    public String cid;

    @Column(nullable = false)
    public String path;

    @Column(name = "first_seen_at", nullable = false)
    public OffsetDateTime firstSeenAt;

    /** When the name last came to point here: the last N versions by this stay pinned. */
    @Column(name = "current_since", nullable = false)
    public OffsetDateTime currentSince;

    @Column(name = "unpin_after")
    public OffsetDateTime unpinAfter;

    @Column(name = "unpinned_at")
    public OffsetDateTime unpinnedAt;
}
