package io.pinfold.pin.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new tenant token: what it is for, and optionally when it stops working. */
@Schema(name = "TokenCreation")
public record TokenCreation(
        @Schema(example = "ci uploads", description = "What the token is for, to recognise it in listings")
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String label,
        @Schema(example = "2027-06-30T00:00:00Z", description = "When the token stops working; absent = never")
        OffsetDateTime expiresAt) {
}
