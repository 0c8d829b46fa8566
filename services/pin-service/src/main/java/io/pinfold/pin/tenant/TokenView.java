package io.pinfold.pin.tenant;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token in a listing: never the token, never its hash. */
@Schema(name = "Token")
public record TokenView(
        @Schema(example = "0e5a2f3c-8d51-4c0e-a1b4-4f7c1d9e6b20") UUID id,
        @Schema(example = "5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77") UUID tenantId,
        @Schema(example = "tenant") String role,
        @Schema(example = "ci uploads") String label,
        @Schema(example = "2026-12-02T10:00:00Z") OffsetDateTime createdAt,
        @Schema(example = "2027-06-30T00:00:00Z") OffsetDateTime expiresAt,
        @Schema(description = "When the token was revoked; null while it works") OffsetDateTime revokedAt) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.id, token.tenantId, token.role, token.label, token.createdAt, token.expiresAt, token.revokedAt);
    }
}
