package io.pinfold.events.pinstatus;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** Where one node is with one pin: the few states the reconciler uses, in the order they usually pass. */
public enum PinStatus implements JsonEnum {
    /** Allocated to the node, not started (e.g. the node is draining for GC). */
    QUEUED,
    /** {@code pin add} is running on the node. */
    PINNING,
    /** The node holds a recursive pin of the content. */
    PINNED,
    /** The last attempt failed; the reconciler retries with backoff. */
    FAILED,
    /** The node no longer pins the content for this pin. */
    UNPINNED;

    @JsonCreator
    public static PinStatus fromJson(String value) {
        return JsonEnum.parse(values(), value, "pin status");
    }
}
