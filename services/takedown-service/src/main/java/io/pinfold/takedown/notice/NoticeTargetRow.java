package io.pinfold.takedown.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One target of a notice, as pasted and as parsed (table notice_target). */
@Entity
@Table(name = "notice_target")
@IdClass(NoticeTargetRow.Key.class)
public class NoticeTargetRow extends PanacheEntityBase {
    @Id
    @Column(name = "notice_id")
    public UUID noticeId;

    @Id
    public int position;

    @Column(nullable = false)
    public String input;

    /** A {@link TargetKind} code. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String rule;

    @Column(name = "entry_key", nullable = false)
    public String entryKey;

    /** Null until decided. */
    public Boolean accepted;

    /** The primary key (notice_id, position). */
    public static class Key implements Serializable {
        public UUID noticeId;
        public int position;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(noticeId, key.noticeId) && position == key.position;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(noticeId, position);
        }
    }
}
