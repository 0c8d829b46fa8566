package io.pinfold.takedown.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notice as reviewers see it. */
@Schema(name = "Notice")
public record NoticeView(
        UUID id,
        NoticeState state,
        String legalBasis,
        String complainant,
        String contact,
        List<String> evidence,
        String description,
        String jurisdiction,
        OffsetDateTime receivedAt,
        OffsetDateTime decidedAt,
        String decidedBy,
        String decisionReason,
        OffsetDateTime counterNoticeAt,
        String counterNotice,
        String counterContact,
        OffsetDateTime closedAt,
        String closedBy,
        String closedReason,
        List<TargetView> targets) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NoticeView of(Notice notice, List<NoticeTargetRow> targets) {
        List<String> evidence;
        try {
            evidence = JSON.readValue(notice.evidence, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice " + notice.id + ": evidence is not a JSON array of strings", e);
        }
        return new NoticeView(notice.id, notice.state(), notice.legalBasis, notice.complainant, notice.contact, evidence,
                notice.description, notice.jurisdiction, notice.receivedAt, notice.decidedAt, notice.decidedBy,
                notice.decisionReason, notice.counterNoticeAt, notice.counterNotice, notice.counterContact, notice.closedAt,
                notice.closedBy, notice.closedReason, targets.stream().map(TargetView::of).toList());
    }
}
