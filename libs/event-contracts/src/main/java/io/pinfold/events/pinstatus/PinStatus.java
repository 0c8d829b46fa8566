package io.pinfold.events.pinstatus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** Where one node is with one pin: the few states the reconciler uses, in the order they usually pass. */
public enum PinStatus implements JsonEnum {
    /** Allocated to the node, not started (e.g. the node is draining for GC). */
    QUEUED("queued"),
    /** {@code pin add} is running on the node. */
    PINNING("pinning"),
    /** The node holds a recursive pin of the content. */
    PINNED("pinned"),
    /** The last attempt failed; the reconciler retries with backoff. */
    FAILED("failed"),
    /** The node no longer pins the content for this pin. */
    UNPINNED("unpinned");

    private final String json;

    PinStatus(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static PinStatus fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pin status '" + value + "'"));
    }
}
