package io.pinfold.takedown.access;

import io.pinfold.runtime.access.StoredToken;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A reviewer (or further operator) token as stored: its SHA-256, never the token. */
@Entity
@Table(name = "access_token")
public class AccessToken extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String role;

    @Column(name = "token_hash", nullable = false, unique = true)
    public byte[] tokenHash;

    @Column(nullable = false)
    public String label;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    StoredToken stored() {
        return new StoredToken(id, role, null, tokenHash, expiresAt, revokedAt);
    }
}
