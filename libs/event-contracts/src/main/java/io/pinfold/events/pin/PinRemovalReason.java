package io.pinfold.events.pin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.events.JsonEnum;
import java.util.Arrays;

/** Why a pin was removed. */
public enum PinRemovalReason implements JsonEnum {
    /** Its owner deleted it. */
    REQUESTED("requested"),
    /** The content was put on the denylist. */
    BLOCKED("blocked");

    private final String json;

    PinRemovalReason(String json) {
        this.json = json;
    }

    @JsonValue
    @Override
    public String json() {
        return json;
    }

    @JsonCreator
    public static PinRemovalReason fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pin removal reason '" + value + "'"));
    }
}
