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

    /** True when this step fetched more than {@code previous} (null: none yet), or finished the pin. */
    public static boolean advancedFrom(PinProgress previous, PinProgress step) {
        return step.done() || previous == null && (step.blocks() > 0 || step.bytes() > 0)
                || previous != null && (step.blocks() > previous.blocks() || step.bytes() > previous.bytes());
    }
}
