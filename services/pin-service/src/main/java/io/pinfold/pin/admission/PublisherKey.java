package io.pinfold.pin.admission;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An Ed25519 public key (raw 32 bytes) whose signatures its tenant accepts on pin events (V11 publisher_key). */
@Entity
@Table(name = "publisher_key")
public class PublisherKey extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(nullable = false)
    public String label;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
