package io.pinfold.kubo.block;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** One block's CID and size in bytes ({@code block stat}). */
public record BlockStat(String cid, long size) {

    public static BlockStat from(JsonNode json) {
        return new BlockStat(JsonFields.text(json, "Key"), JsonFields.number(json, "Size"));
    }
}
