package io.pinfold.events.node;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** Whether a Kubo node takes work and serves reads. */
public enum NodeState implements JsonEnum {
    /** In the gateway pool and takes pins. */
    ACTIVE("active"),
    /** Out of the gateway pool and holding new pins, usually while a full GC holds Kubo's GC lock. */
    DRAINING("draining"),
    /** Unreachable or failing its checks; neither read from nor pinned to. */
    DOWN("down");

    private final String json;

    NodeState(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static NodeState fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node state '" + value + "'"));
    }
}
