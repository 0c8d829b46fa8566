package io.pinfold.takedown.access;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token just issued: the only answer that ever holds the token itself. */
@Schema(name = "IssuedToken")
public record IssuedToken(
        UUID id,
        String role,
        @Schema(description = "The bearer token; shown once, store it now", example = "pf_8lV3p0v0mVq2f4nC3wq9bDq3Xc1l2s6y7hXG2p0Zt8M") String token,
        String label,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {
}
