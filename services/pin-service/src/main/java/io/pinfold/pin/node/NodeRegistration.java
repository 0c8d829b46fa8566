package io.pinfold.pin.node;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an operator sends to register a Kubo node. */
@Schema(description = "A Kubo node to register; its peer ID and version are asked from the node itself")
public record NodeRegistration(
        @Schema(description = "Operator's name for the node: a DNS label, unique, the node's id everywhere in Pinfold", example = "kubo-1")
        @NotBlank @Size(max = 63) @Pattern(regexp = "[a-z0-9]([a-z0-9-]*[a-z0-9])?", message = "must be a DNS label: lower-case letters, digits and '-', not starting or ending with '-'")
        String id,
        @Schema(description = "Kubo RPC API base URL (kept private: the gateway never exposes it)", example = "http://127.0.0.1:15002")
        @NotBlank @Size(max = 2048)
        String rpcUrl,
        @Schema(description = "Kubo HTTP gateway base URL, which gateway-edge proxies to", example = "http://127.0.0.1:18081")
        @NotBlank @Size(max = 2048)
        String gatewayUrl) {
}
