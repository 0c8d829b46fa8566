package io.pinfold.events.takedown;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** The outcome of a notice's review. */
public enum NoticeDecision implements JsonEnum {
    /** The content is blocked. */
    ACCEPTED,
    /** Nothing is blocked. */
    REJECTED,
    /** After a counter-notice, the block stays. */
    UPHELD;

    @JsonCreator
    public static NoticeDecision fromJson(String value) {
        return JsonEnum.parse(values(), value, "notice decision");
    }
}
