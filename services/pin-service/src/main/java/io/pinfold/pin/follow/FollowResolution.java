package io.pinfold.pin.follow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The record of one resolution of an entry (or of an unpinning of its expired versions). */
@Entity
@Table(name = "follow_resolution")
public class FollowResolution extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(name = "list_id", nullable = false)
    public UUID listId;

    @Column(name = "resolved_at", nullable = false)
    public OffsetDateTime resolvedAt;

    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String outcome;

    public String path;

    @Column(name = "previous_path")
    public String previousPath;

    /** Request id of the pin made for a new target. */
    public String pinned;

    /** Request ids of the pins removed, space-separated. */
    @Column(nullable = false)
    public String unpinned = "";

    public String error;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;
}
