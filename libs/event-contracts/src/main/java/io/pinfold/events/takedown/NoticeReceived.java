package io.pinfold.events.takedown;

import io.pinfold.events.OptionalField;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.validation.FieldChecks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code io.pinfold.notice.received}: a takedown notice entered review. Takedown events are keyed by
 * notice id, so a notice's received, decided and restored events stay in order.
 *
 * @param noticeId     the notice, the record key
 * @param kind         copyright or abuse
 * @param complainant  who filed it (organisation or person, as on the notice)
 * @param targets      what it asks to take down (1 to 100)
 * @param description  the complaint in the complainant's words
 * @param jurisdiction ISO 3166-1 alpha-2 country whose law the notice invokes, e.g. {@code US}
 */
public record NoticeReceived(
        String noticeId,
        NoticeKind kind,
        String complainant,
        List<NoticeTarget> targets,
        @OptionalField String description,
        @OptionalField String jurisdiction) implements SelfKeyedEvent {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public NoticeReceived {
        FieldChecks.start()
                .required("noticeId", noticeId).identifier("noticeId", noticeId)
                .required("kind", kind)
                .required("complainant", complainant).text("complainant", complainant, 255)
                .required("targets", targets).size("targets", targets, 1, 100)
                .noNulls("targets", targets)
                .text("description", description, 8192)
                .matches("jurisdiction", jurisdiction, COUNTRY, "an ISO 3166-1 alpha-2 code such as US")
                .orThrow();
        targets = List.copyOf(targets);
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
