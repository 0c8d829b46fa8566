package io.pinfold.events.node;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** Whether a Kubo node takes work and serves reads. */
public enum NodeState implements JsonEnum {
    /** In the gateway pool and takes pins. */
    ACTIVE,
    /** Out of the gateway pool and holding new pins, usually while a full GC holds Kubo's GC lock. */
    DRAINING,
    /** Unreachable or failing its checks; neither read from nor pinned to. */
    DOWN;

    @JsonCreator
    public static NodeState fromJson(String value) {
        return JsonEnum.parse(values(), value, "node state");
    }
}
