package io.pinfold.kubo.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.Optional;

/** One block reference from {@code refs} or {@code refs local}, or the error met while listing it. */
public record Ref(String cid, Optional<String> error) {

    public static Ref from(JsonNode json) {
        return new Ref(JsonFields.text(json, "Ref"), JsonFields.optionalText(json, "Err"));
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
