package io.pinfold.events.gc;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** How a GC run reclaims space. */
public enum GcMode implements JsonEnum {
    /** Removes only blocks of unpinned DAGs that no pinned root (nor MFS) reaches, in small batches. */
    TARGETED,
    /** Kubo's own {@code repo gc}, holding the GC lock; the node is drained meanwhile. */
    FULL,
    /** Removes the blocks of blocked content, pinned or not. */
    PURGE;

    @JsonCreator
    public static GcMode fromJson(String value) {
        return JsonEnum.parse(values(), value, "GC mode");
    }
}
