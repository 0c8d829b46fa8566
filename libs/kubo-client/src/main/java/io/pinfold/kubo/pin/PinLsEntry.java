package io.pinfold.kubo.pin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.Optional;

/** One pin from {@code pin ls --stream}; the name is there only when names were asked for. */
public record PinLsEntry(String cid, PinType type, Optional<String> name) {

    public static PinLsEntry from(JsonNode json) {
        return new PinLsEntry(JsonFields.text(json, "Cid"), PinType.parse(JsonFields.text(json, "Type")),
                JsonFields.optionalText(json, "Name"));
    }
}
