package io.pinfold.pin.tenant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new tenant: its name and, optionally, its quotas (absent = unlimited). */
@Schema(name = "TenantCreation")
public record TenantCreation(
        @Schema(example = "acme", description = "Unique name: lower-case letters, digits and '-', 1 to 63 characters")
        @NotNull(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit")
        String name,
        @Schema(example = "10000", description = "Most pins the tenant may hold; absent = unlimited")
        @PositiveOrZero(message = "must be 0 or more") Long quotaPins,
        @Schema(example = "1099511627776", description = "Most bytes (as `ipfs dag stat` reports them) its pins may hold; absent = unlimited")
        @PositiveOrZero(message = "must be 0 or more") Long quotaBytes) {
}
