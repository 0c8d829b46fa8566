package io.pinfold.kubo.pin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.kubo.http.JsonFields;
import java.util.List;

/**
 * A step of {@code pin add --progress}: blocks and bytes fetched so far, then, in the last step,
 * the CIDs now pinned.
 */
public record PinProgress(long blocks, long bytes, List<String> pinned) {

    public static PinProgress from(JsonNode json) {
        return new PinProgress(JsonFields.number(json, "Progress"), JsonFields.number(json, "Bytes"),
                JsonFields.texts(json, "Pins"));
    }

    public boolean done() {
        return !pinned.isEmpty();
    }
}
