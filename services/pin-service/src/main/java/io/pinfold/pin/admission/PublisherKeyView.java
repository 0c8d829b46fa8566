package io.pinfold.pin.admission;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered publisher key; its id is what signed events carry in ce_pinfoldkeyid. */
@Schema(name = "PublisherKey")
public record PublisherKeyView(
        @Schema(example = "7d1f0c2a-5b7e-4a43-9c1e-2f6b8d0a9e31", description = "The key id publishers put in ce_pinfoldkeyid") UUID id,
        @Schema(example = "5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77") UUID tenantId,
        @Schema(example = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", description = "The raw 32-byte key, standard base64") String publicKey,
        @Schema(example = "dataset ingest") String label,
        @Schema(example = "2026-12-02T10:00:00Z") OffsetDateTime createdAt,
        @Schema(description = "When the key was revoked (its signatures are refused from then on); null while it is accepted") OffsetDateTime revokedAt) {

    static PublisherKeyView of(PublisherKey key) {
        return new PublisherKeyView(key.id, key.tenantId, Base64.getEncoder().encodeToString(key.publicKey), key.label, key.createdAt, key.revokedAt);
    }
}
