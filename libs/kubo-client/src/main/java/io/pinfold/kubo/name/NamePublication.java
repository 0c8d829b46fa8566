package io.pinfold.kubo.name;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;

/** The IPNS name published ({@code name publish}) and the path it now points to. */
public record NamePublication(String name, String value) {

    public static NamePublication from(JsonNode json) {
        return new NamePublication(JsonFields.text(json, "Name"), JsonFields.text(json, "Value"));
    }
}
