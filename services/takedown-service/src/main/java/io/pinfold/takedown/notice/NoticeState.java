package io.pinfold.takedown.notice;

import com.fasterxml.jackson.annotation.JsonValue;
import io.pinfold.runtime.rest.RequestRejected;
import java.util.Set;

/**
 * Where a notice's review stands: received → accepted (all or some targets blocked) or rejected; an accepted
 * notice → counter-notice received → restored (blocks lifted) or upheld. A restore may also follow an
 * acceptance directly (the reviewer corrects a mistake). Rejected, restored and upheld are final.
 */
public enum NoticeState {
    RECEIVED("received"),
    ACCEPTED("accepted"),
    REJECTED("rejected"),
    COUNTER_NOTICE_RECEIVED("counter-notice-received"),
    RESTORED("restored"),
    UPHELD("upheld");

    private final String code;

    NoticeState(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static NoticeState fromCode(String code) {
        for (NoticeState state : values()) {
            if (state.code.equals(code)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown notice state '" + code + "'");
    }

    /** The states an action may start from. */
    private Set<NoticeState> from() {
        return switch (this) {
            case RECEIVED -> Set.of();
            case ACCEPTED, REJECTED -> Set.of(RECEIVED);
            case COUNTER_NOTICE_RECEIVED -> Set.of(ACCEPTED);
            case RESTORED -> Set.of(ACCEPTED, COUNTER_NOTICE_RECEIVED);
            case UPHELD -> Set.of(COUNTER_NOTICE_RECEIVED);
        };
    }

    /** @throws RequestRejected 409 naming the current state when a notice in it cannot become {@code this} */
    public void requireReachableFrom(NoticeState current, String noticeId) {
        if (!from().contains(current)) {
            throw RequestRejected.conflict("state", "notice " + noticeId + " is " + current.code + "; it cannot become "
                    + code + " (only from " + String.join(" or ", from().stream().map(NoticeState::code).sorted().toList()) + ")");
        }
    }
}
