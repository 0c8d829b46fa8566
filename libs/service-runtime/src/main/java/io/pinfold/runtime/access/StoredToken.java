package io.pinfold.runtime.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A token as a service's database holds it: never the token, only its SHA-256.
 *
 * @param tenantId null for tokens that belong to no tenant (operators, reviewers)
 */
public record StoredToken(UUID id, String role, UUID tenantId, byte[] hash, OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
}
