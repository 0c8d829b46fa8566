package io.pinfold.events.gc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** How a GC run reclaims space. */
public enum GcMode implements JsonEnum {
    /** Removes only blocks of unpinned DAGs that no pinned root (nor MFS) reaches, in small batches. */
    TARGETED("targeted"),
    /** Kubo's own {@code repo gc}, holding the GC lock; the node is drained meanwhile. */
    FULL("full"),
    /** Removes the blocks of blocked content, pinned or not. */
    PURGE("purge");

    private final String json;

    GcMode(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static GcMode fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GC mode '" + value + "'"));
    }
}
