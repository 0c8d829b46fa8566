package io.pinfold.kubo.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** One entry that {@code add} stored: the file, or the directory wrapping it. */
public record AddedEntry(String name, String cid, long size) {

    public static AddedEntry from(JsonNode json) {
        return new AddedEntry(JsonFields.text(json, "Name"), JsonFields.text(json, "Hash"), JsonFields.number(json, "Size"));
    }
}
