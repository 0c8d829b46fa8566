package io.pinfold.takedown.denylist;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the append-only .deny feed (table denylist_feed; the database refuses UPDATE and DELETE). */
@Entity
@Table(name = "denylist_feed")
public class FeedLine extends PanacheEntityBase {
    @Id
    public Long seq;

    @Column(nullable = false)
    public String line;

    /** Where the line ends, in bytes from the start of the body after the header, its '\n' included. */
    @Column(name = "body_end", nullable = false)
    public Long bodyEnd;

    @Column(name = "appended_at", nullable = false)
    public OffsetDateTime appendedAt;
}
