package io.pinfold.events.takedown;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** The outcome of a notice's review. */
public enum NoticeDecision implements JsonEnum {
    /** The content is blocked. */
    ACCEPTED("accepted"),
    /** Nothing is blocked. */
    REJECTED("rejected");

    private final String json;

    NoticeDecision(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static NoticeDecision fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown notice decision '" + value + "'"));
    }
}
