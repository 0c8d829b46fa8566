package io.pinfold.pin.node;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an operator sends to register a Kubo node. Registering again replaces the whole description, placement
 * included. URLs and placement fields are checked by {@link NodeRegistry} (every problem at once, by field), against
 * the same rules the node.registered contract has.
 */
@Schema(description = "A Kubo node to register; its peer ID and version are asked from the node itself")
public record NodeRegistration(
        @Schema(description = "Operator's name for the node: a DNS label, unique, the node's id everywhere in Pinfold", example = "kubo-1")
        @NotBlank @Size(max = 63) @Pattern(regexp = "[a-z0-9]([a-z0-9-]*[a-z0-9])?", message = "must be a DNS label: lower-case letters, digits and '-', not starting or ending with '-'")
        String id,
        @Schema(description = "Kubo RPC API base URL (kept private: the gateway never exposes it): absolute http(s), "
                + "a host, no user-info, query or fragment", example = "http://127.0.0.1:15002")
        @NotBlank @Size(max = 2048)
        String rpcUrl,
        @Schema(description = "Kubo HTTP gateway base URL, which gateway-edge proxies to; same rules as rpcUrl", example = "http://127.0.0.1:18081")
        @NotBlank @Size(max = 2048)
        String gatewayUrl,
        @Schema(description = "Where the node runs (a DNS label); optional", example = "eu-west-1")
        String region,
        @Schema(description = "The node's failure domain (a DNS label): replicas of a pin go to different zones before two "
                + "share one. Optional: a node without a zone is a zone of its own", example = "eu-west-1a")
        String zone,
        @Schema(description = "Bytes of pinned content the node may hold (at least 1). Optional: without it the node is "
                + "never counted as full", example = "500000000000")
        Long capacityBytes,
        @Schema(description = "Operator's labels, Kubernetes label syntax, at most 16", example = "{\"disk\": \"ssd\"}")
        Map<String, String> tags) {

    /** A node named in configuration: URLs and, when configured, a zone. */
    static NodeRegistration configured(String id, String rpcUrl, String gatewayUrl, String zone) {
        return new NodeRegistration(id, rpcUrl, gatewayUrl, null, zone, null, null);
    }
}
