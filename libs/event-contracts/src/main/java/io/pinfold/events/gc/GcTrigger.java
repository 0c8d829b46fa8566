package io.pinfold.events.gc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** What made gc-service plan a run. */
public enum GcTrigger implements JsonEnum {
    /** Repo usage crossed the policy's high watermark. */
    WATERMARK("watermark"),
    /** The policy's schedule window opened. */
    SCHEDULE("schedule"),
    /** Enough unpinned content accumulated to fill a batch. */
    UNPINNED("unpinned"),
    /** Content was put on the denylist and must leave every node. */
    BLOCKED("blocked"),
    /** An operator asked for it. */
    MANUAL("manual");

    private final String json;

    GcTrigger(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static GcTrigger fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GC trigger '" + value + "'"));
    }
}
