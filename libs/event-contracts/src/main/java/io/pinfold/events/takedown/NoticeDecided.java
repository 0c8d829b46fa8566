package io.pinfold.events.takedown;

import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.FieldChecks;
import java.util.List;

/**
 * {@code io.pinfold.notice.decided}: a reviewer accepted (all or some of its targets) or rejected the notice,
 * or, after a counter-notice, upheld the block. An accepted notice's blocked targets are published as
 * denylist.entry-added events in the same transaction.
 *
 * @param noticeId    the notice
 * @param decision    accepted, rejected, or upheld (after a counter-notice)
 * @param reviewer    who decided
 * @param reason      the reviewer's reasoning, shown in the transparency report
 * @param blockStatus HTTP status the gateway answers for the blocked content: 410, or 451 for a
 *                    legal reason; required when accepted, absent when rejected
 */
public record NoticeDecided(
        String noticeId,
        NoticeDecision decision,
        String reviewer,
        @OptionalField String reason,
        @OptionalField Integer blockStatus) implements SelfKeyedEvent {

    public NoticeDecided {
        FieldChecks.start()
                .required("noticeId", noticeId).identifier("noticeId", noticeId)
                .required("decision", decision)
                .required("reviewer", reviewer).text("reviewer", reviewer, 255)
                .text("reason", reason, 8192)
                .oneOf("blockStatus", blockStatus, List.of(410, 451))
                .that(decision != NoticeDecision.ACCEPTED || blockStatus != null, "blockStatus",
                        "required when decision is accepted")
                .that(decision != NoticeDecision.REJECTED || blockStatus == null, "blockStatus",
                        "not allowed when decision is rejected")
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
