package io.pinfold.kubo.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/**
 * An MFS (or /ipfs/) path's node ({@code files stat}): its CID, own size, size with children,
 * number of child blocks, and type ("file" or "directory").
 */
public record FilesStat(String cid, long size, long cumulativeSize, long blocks, String type) {

    public static FilesStat from(JsonNode json) {
        return new FilesStat(JsonFields.text(json, "Hash"), JsonFields.number(json, "Size"),
                JsonFields.number(json, "CumulativeSize"), JsonFields.number(json, "Blocks"), JsonFields.text(json, "Type"));
    }
}
