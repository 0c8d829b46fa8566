package io.pinfold.kubo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A node's configuration as {@code config show} returns it (the private key is never included). */
public record KuboConfig(JsonNode json) {

    /** The value at a dotted key such as {@code Addresses.API}, when present. */
    public Optional<JsonNode> at(String dottedKey) {
        JsonNode node = json;
        for (String part : dottedKey.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    public Optional<String> text(String dottedKey) {
        return at(dottedKey).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
