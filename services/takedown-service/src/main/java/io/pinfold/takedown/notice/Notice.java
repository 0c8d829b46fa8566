package io.pinfold.takedown.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A takedown notice and where its review stands (table notice). */
@Entity
@Table(name = "notice")
public class Notice extends PanacheEntityBase {
    @Id
    public UUID id;

    /** A {@link NoticeState} code. */
    @Column(nullable = false)
    public String state;

    /** A {@link LegalBasis} code. */
    @Column(name = "legal_basis", nullable = false)
    public String legalBasis;

    @Column(nullable = false)
    public String complainant;

    @Column(nullable = false)
    public String contact;

    /** Evidence links as the text of a JSON array of strings. */
    @Column(nullable = false)
    public String evidence;

    public String description;

    public String jurisdiction;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "counter_notice_at")
    public OffsetDateTime counterNoticeAt;

    @Column(name = "counter_notice")
    public String counterNotice;

    @Column(name = "counter_contact")
    public String counterContact;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_reason")
    public String closedReason;

    public NoticeState state() {
        return NoticeState.fromCode(state);
    }

    public LegalBasis basis() {
        return LegalBasis.fromCode(legalBasis);
    }
}
