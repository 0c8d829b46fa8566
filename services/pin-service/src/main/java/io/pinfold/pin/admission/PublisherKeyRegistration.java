package io.pinfold.pin.admission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A publisher key to register for a tenant. */
@Schema(name = "PublisherKeyRegistration")
public record PublisherKeyRegistration(
        @Schema(example = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                description = "The raw 32-byte Ed25519 public key: base64 (standard or URL-safe), or multibase ('z' base58btc, 'm' or 'u' base64) "
                        + "of the 32 bytes or of the multicodec ed25519-pub (0xed01) followed by them")
        String publicKey,
        @Schema(example = "dataset ingest", description = "What the key is for, to recognise it in listings")
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String label) {
}
