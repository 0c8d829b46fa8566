package io.pinfold.takedown.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new token for a reviewer (or a further operator): who holds it, and optionally when it stops working. */
@Schema(name = "TokenIssue")
public record TokenIssue(
        @Schema(example = "alice (legal team)", description = "Whose token it is, to recognise it in listings and the audit trail")
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String label,
        @Schema(enumeration = {"reviewer", "operator"}, defaultValue = "reviewer", description = "reviewer (decides notices) or operator (also issues tokens)")
        @Pattern(regexp = "reviewer|operator", message = "must be reviewer or operator") String role,
        @Schema(example = "2027-06-30T00:00:00Z", description = "When the token stops working; absent = never")
        OffsetDateTime expiresAt) {
}
