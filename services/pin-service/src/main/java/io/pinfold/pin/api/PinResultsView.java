package io.pinfold.pin.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Pinning Service API's PinResults object: one page of matches and how many match in all. */
@Schema(name = "PinResults", description = "Response used for listing pin objects matching request")
public record PinResultsView(
        @Schema(required = true, description = "The total number of pin objects that exist for passed query filters", example = "1")
        long count,
        @Schema(required = true, maxItems = 1000)
        List<PinStatusView> results) {
}
