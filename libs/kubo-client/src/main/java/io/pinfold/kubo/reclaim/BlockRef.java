package io.pinfold.kubo.reclaim;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** One block of a DAG walked with {@code pinfold/refs}: its key, and whether the node lacks it (what it links to is unknown). */
public record BlockRef(String key, boolean missing) {

    public static BlockRef from(JsonNode json) {
        return new BlockRef(JsonFields.text(json, "Key"), json.path("Missing").asBoolean(false));
    }
}
