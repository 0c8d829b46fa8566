package io.pinfold.pin.tenant;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token just created: the only answer that ever holds the token itself. */
@Schema(name = "IssuedToken")
public record IssuedToken(
        @Schema(example = "0e5a2f3c-8d51-4c0e-a1b4-4f7c1d9e6b20") UUID id,
        @Schema(example = "5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77") UUID tenantId,
        @Schema(description = "The bearer token; shown once, store it now", example = "pf_8lV3p0v0mVq2f4nC3wq9bDq3Xc1l2s6y7hXG2p0Zt8M") String token,
        @Schema(example = "ci uploads") String label,
        @Schema(example = "2026-12-02T10:00:00Z") OffsetDateTime createdAt,
        @Schema(example = "2027-06-30T00:00:00Z") OffsetDateTime expiresAt) {
}
