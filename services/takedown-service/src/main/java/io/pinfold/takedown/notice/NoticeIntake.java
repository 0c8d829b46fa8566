package io.pinfold.takedown.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.takedown.NoticeReceived;
import io.pinfold.outbox.Outbox;
import io.pinfold.takedown.InOrder;
import io.pinfold.takedown.access.Actor;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes a notice in: checks all of it, then stores the notice and its targets, writes notice.received to the
 * outbox and appends the audit record, in one transaction, so a notice exists whole, announced and recorded, or
 * not at all.
 */
@ApplicationScoped
public class NoticeIntake {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SubmissionCheck check;
    private final Outbox outbox;
    private final AuditTrail audit;

    public NoticeIntake(IntakeConfig config, Outbox outbox, AuditTrail audit) {
        this.check = new SubmissionCheck(config);
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithSpan("notice.receive")
    public Uni<NoticeReceipt> receive(NoticeSubmission submission, Actor actor) {
        List<ParsedTarget> targets = check.check(submission);
        LegalBasis basis = LegalBasis.fromCode(submission.legalBasis());
        Notice notice = new Notice();
        notice.id = UUID.randomUUID();
        notice.state = NoticeState.RECEIVED.code();
        notice.legalBasis = basis.code();
        notice.complainant = submission.complainant().strip();
        notice.contact = submission.contact().strip();
        notice.evidence = json(submission.evidence() == null ? List.of() : submission.evidence().stream().map(String::strip).toList());
        notice.description = blankToNull(submission.description());
        notice.jurisdiction = submission.jurisdiction();
        notice.receivedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<NoticeTargetRow> rows = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ParsedTarget target = targets.get(i);
            NoticeTargetRow row = new NoticeTargetRow();
            row.noticeId = notice.id;
            row.position = i;
            row.input = target.input();
            row.kind = target.kind().code();
            row.rule = target.rule();
            row.entryKey = target.entryKey();
            rows.add(row);
        }
        Span.current().setAttribute("pinfold.notice.id", notice.id.toString());
        Span.current().setAttribute("pinfold.notice.targets", targets.size());
        NoticeReceived event = new NoticeReceived(notice.id.toString(), basis.kind(), notice.complainant,
                targets.stream().map(ParsedTarget::event).toList(), notice.description, notice.jurisdiction);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("legalBasis", basis.code());
        details.put("targets", rows.stream().map(row -> row.input).toList());
        details.put("rules", rows.stream().map(row -> row.rule).toList());
        details.put("evidenceLinks", submission.evidence() == null ? 0 : submission.evidence().size());
        return Panache.withTransaction(() -> notice.persist()
                        .chain(() -> InOrder.each(rows, row -> row.persist()))
                        .chain(() -> outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, event)))
                        .chain(() -> audit.append(new AuditEntry(actor.name(), AuditAction.NOTICE_RECEIVED, notice.id.toString(),
                                "notice received (" + basis.code() + ", " + rows.size() + " targets)", details))))
                .map(recorded -> new NoticeReceipt(notice.id, NoticeState.RECEIVED, notice.receivedAt,
                        rows.stream().map(TargetView::of).toList()));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always has a JSON form", e);
        }
    }
}
