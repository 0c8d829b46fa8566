package io.pinfold.takedown.denylist;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One notice's hold on a denylist entry (table denylist_entry); the entry is published while any row holds its key. */
@Entity
@Table(name = "denylist_entry")
@IdClass(DenylistEntryRow.Key.class)
public class DenylistEntryRow extends PanacheEntityBase {
    @Id
    @Column(name = "entry_key")
    public String entryKey;

    @Id
    @Column(name = "notice_id")
    public UUID noticeId;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String kind;

    @Column(name = "legal_basis", nullable = false)
    public String legalBasis;

    @Column(nullable = false)
    public int status;

    @Column(name = "double_hashed", nullable = false)
    public boolean doubleHashed;

    /** The DenylistEntryAdded published for this row, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String event;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The primary key (entry_key, notice_id). */
    public static class Key implements Serializable {
        public String entryKey;
        public UUID noticeId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(entryKey, key.entryKey) && Objects.equals(noticeId, key.noticeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryKey, noticeId);
        }
    }
}
