package io.pinfold.runtime.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one error body every Pinfold endpoint answers with; the same shape as the IPFS Pinning Service API's
 * Failure object, so clients of that API need nothing new.
 */
@Schema(name = "Failure", description = "Response for a failed request")
public record ApiError(Body error) {

    public static ApiError of(String reason, String details) {
        return new ApiError(new Body(reason, details));
    }

    @Schema(name = "FailureError")
    public record Body(
            @Schema(description = "Mandatory string identifying the type of error", example = "BAD_REQUEST") String reason,
            @Schema(description = "What went wrong, naming the field and the reason", example = "rpcUrl: must be an http or https URL") String details) {
    }
}
