package io.pinfold.kubo.block;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.Optional;

/** The outcome for one block of {@code block rm}: removed, or why not (pinned, not present, …). */
public record BlockRemoval(String cid, Optional<String> error) {

    public static BlockRemoval from(JsonNode json) {
        return new BlockRemoval(JsonFields.text(json, "Hash"), JsonFields.optionalText(json, "Error"));
    }

    public boolean removed() {
        return error.isEmpty();
    }
}
