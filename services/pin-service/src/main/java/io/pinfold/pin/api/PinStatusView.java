package io.pinfold.pin.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Pinning Service API's PinStatus object. */
@Schema(name = "PinStatus", description = "Pin object with status")
public record PinStatusView(
        @Schema(required = true, description = "Globally unique identifier of the pin request", example = "5f0a4e0e-3f6f-4a8e-9a51-2d4a6c1f7b10")
        String requestid,
        @Schema(required = true, enumeration = {"queued", "pinning", "pinned", "failed"}, description = "Status a pin object can have")
        String status,
        @Schema(required = true, format = "date-time", description = "When the pin request entered the service (RFC 3339, milliseconds; unique per tenant)",
                example = "2026-12-02T10:00:00.123Z")
        String created,
        @Schema(required = true)
        PinBody pin,
        @Schema(required = true, description = "Swarm multiaddrs of the nodes that will hold the pin (at most 20)",
                example = "[\"/ip4/203.0.113.1/tcp/4001/p2p/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf\"]")
        List<String> delegates,
        @Schema(description = "Optional info: status_details (why a pin is failed or under-replicated) and what the reconciler reports")
        Map<String, String> info) {
}
