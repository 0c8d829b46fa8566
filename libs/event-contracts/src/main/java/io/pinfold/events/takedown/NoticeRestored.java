package io.pinfold.events.takedown;

import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.FieldChecks;

/**
 * {@code io.pinfold.notice.restored}: blocked content of an accepted notice is served again, usually
 * after a counter-notice; its denylist entries are removed with tombstones.
 *
 * @param noticeId        the notice
 * @param counterNoticeId the counter-notice that led to the restoration, when there was one
 * @param reviewer        who restored
 * @param reason          why, shown in the transparency report
 */
public record NoticeRestored(
        String noticeId,
        @OptionalField String counterNoticeId,
        String reviewer,
        String reason) implements SelfKeyedEvent {

    public NoticeRestored {
        FieldChecks.start()
                .required("noticeId", noticeId).identifier("noticeId", noticeId)
                .identifier("counterNoticeId", counterNoticeId)
                .required("reviewer", reviewer).text("reviewer", reviewer, 255)
                .required("reason", reason).text("reason", reason, 8192)
                .orThrow();
    }

    @Override
    public String subject() {
        return noticeId;
    }

    @Override
    public String recordKey() {
        return noticeId;
    }
}
