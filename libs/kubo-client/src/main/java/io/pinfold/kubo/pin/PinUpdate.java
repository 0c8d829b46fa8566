package io.pinfold.kubo.pin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.List;

/** The result of {@code pin update}: the old root and the new root now pinned. */
public record PinUpdate(String from, String to) {

    public static PinUpdate from(JsonNode json) {
        List<String> pins = JsonFields.texts(json, "Pins");
        if (pins.size() != 2) {
            throw new IllegalArgumentException("pin update: expected [from, to] in Pins, got " + pins);
        }
        return new PinUpdate(pins.get(0), pins.get(1));
    }
}
