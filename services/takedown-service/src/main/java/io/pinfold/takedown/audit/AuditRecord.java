package io.pinfold.takedown.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of the audit trail; only ever inserted (the database refuses UPDATE, DELETE and TRUNCATE). */
@Entity
@Table(name = "audit_record")
public class AuditRecord extends PanacheEntityBase {
    /** Position in the chain, assigned by {@link AuditTrail} under its lock: 1, 2, 3, ... */
    @Id
    public Long seq;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String reason;

    /** JSON text; written in canonical form, but JSONB reorders keys, so it is re-canonicalised before hashing. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String details;

    @Column(name = "prev_hash", nullable = false)
    public byte[] prevHash;

    @Column(nullable = false)
    public byte[] hash;

    /** The hash this record's stored fields give, to compare with {@link #hash}. */
    byte[] recomputeHash() {
        return AuditHash.of(seq, recordedAt.toInstant(), actor, action, subject, reason, CanonicalJson.ofStored(details), prevHash);
    }
}
