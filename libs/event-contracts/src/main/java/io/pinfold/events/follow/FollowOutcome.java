package io.pinfold.events.follow;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pinfold.events.JsonEnum;

/** What one resolution of a follow entry came to. */
public enum FollowOutcome implements JsonEnum {
    /** The name points where it pointed before; nothing was pinned. */
    UNCHANGED,
    /** The name points somewhere new: that target was pinned (and versions past the last N may have been scheduled for unpinning). */
    CHANGED,
    /** The name could not be resolved; every pin stays and the resolution is retried with backoff. */
    FAILED,
    /** No resolution was due: versions whose grace period ended were unpinned. */
    UNPINNED;

    @JsonCreator
    public static FollowOutcome fromJson(String value) {
        return JsonEnum.parse(values(), value, "follow outcome");
    }
}
