package io.pinfold.events.pin;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** Why a pin was removed. */
public enum PinRemovalReason implements JsonEnum {
    /** Its owner deleted it. */
    REQUESTED,
    /** The content was put on the denylist. */
    BLOCKED;

    @JsonCreator
    public static PinRemovalReason fromJson(String value) {
        return JsonEnum.parse(values(), value, "pin removal reason");
    }
}
