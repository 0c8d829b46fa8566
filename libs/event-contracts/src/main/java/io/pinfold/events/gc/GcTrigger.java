package io.pinfold.events.gc;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** What made gc-service plan a run. */
public enum GcTrigger implements JsonEnum {
    /** Repo usage crossed the policy's high watermark. */
    WATERMARK,
    /** The policy's schedule window opened. */
    SCHEDULE,
    /** Enough unpinned content accumulated to fill a batch. */
    UNPINNED,
    /** Content was put on the denylist and must leave every node. */
    BLOCKED,
    /** An operator asked for it. */
    MANUAL;

    @JsonCreator
    public static GcTrigger fromJson(String value) {
        return JsonEnum.parse(values(), value, "GC trigger");
    }
}
