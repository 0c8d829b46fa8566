package io.pinfold.pin.tenant;

import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's new quotas; a quota left out (or null) becomes unlimited. */
@Schema(name = "QuotaUpdate")
public record QuotaUpdate(
        @Schema(example = "50000", description = "Most pins; null = unlimited") @PositiveOrZero(message = "must be 0 or more") Long pins,
        @Schema(example = "5497558138880", description = "Most bytes (`ipfs dag stat`); null = unlimited") @PositiveOrZero(message = "must be 0 or more") Long bytes) {
}
