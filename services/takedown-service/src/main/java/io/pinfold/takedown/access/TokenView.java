package io.pinfold.takedown.access;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored token as listings show it: never the token or its hash. */
@Schema(name = "TokenView")
public record TokenView(UUID id, String role, String label, OffsetDateTime createdAt, String createdBy,
                        OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
    static TokenView of(AccessToken token) {
        return new TokenView(token.id, token.role, token.label, token.createdAt, token.createdBy, token.expiresAt, token.revokedAt);
    }
}
