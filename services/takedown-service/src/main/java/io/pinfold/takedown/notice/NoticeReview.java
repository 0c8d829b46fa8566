package io.pinfold.takedown.notice;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.takedown.NoticeDecided;
import io.pinfold.events.takedown.NoticeDecision;
import io.pinfold.events.takedown.NoticeRestored;
import io.pinfold.outbox.Outbox;
import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.takedown.access.Actor;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.audit.AuditEntry;
import io.pinfold.takedown.audit.AuditTrail;
import io.pinfold.takedown.denylist.DenylistPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The review workflow. Each action locks the notice row, checks the transition (409 naming the state), and commits
 * the new state, the denylist change, the events (pinfold.takedowns, pinfold.denylist) and the audit records in
 * one transaction.
 */
@ApplicationScoped
public class NoticeReview {
    private static final TargetParser PARSER = new TargetParser();
    private final DenylistPublisher denylist;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final MeterRegistry metrics;

    public NoticeReview(DenylistPublisher denylist, Outbox outbox, AuditTrail audit, MeterRegistry metrics) {
        this.denylist = denylist;
        this.outbox = outbox;
        this.audit = audit;
        this.metrics = metrics;
    }

    @WithSpan("notice.decide")
    public Uni<NoticeView> decide(UUID id, DecisionRequest request, Actor actor) {
        if (request == null) {
            throw RequestRejected.badRequest("body", "a JSON object is required");
        }
        List<String> problems = new ArrayList<>();
        boolean accept = "accept".equals(request.decision());
        if (!accept && !"reject".equals(request.decision())) {
            problems.add("decision: must be accept or reject" + (request.decision() == null ? "" : ", got '" + SubmissionCheck.shorten(request.decision()) + "'"));
        }
        SubmissionCheck.text(problems, "reason", request.reason(), 4000, true);
        if (!accept && request.targets() != null) {
            problems.add("targets: only with decision accept (a rejection rejects every target)");
        }
        if (accept && request.targets() != null && request.targets().isEmpty()) {
            problems.add("targets: accept at least one target, or reject the notice");
        }
        rejectIf(problems);
        NoticeState next = accept ? NoticeState.ACCEPTED : NoticeState.REJECTED;
        String reason = request.reason().strip();
        return transition(id, next, notice -> NoticeTargetRow.<NoticeTargetRow>list("noticeId = ?1 order by position", id)
                .chain(rows -> {
                    Set<Integer> chosen = chosen(request.targets(), rows.size());
                    List<ParsedTarget> blocked = new ArrayList<>();
                    for (NoticeTargetRow row : rows) {
                        row.accepted = accept && (chosen == null || chosen.contains(row.position));
                        if (row.accepted) {
                            blocked.add(PARSER.parse(row.input));
                        }
                    }
                    OffsetDateTime now = now();
                    notice.decidedAt = now;
                    notice.decidedBy = actor.name();
                    notice.decisionReason = reason;
                    LegalBasis basis = notice.basis();
                    Span.current().setAttribute("pinfold.notice.decision", next.code());
                    Span.current().setAttribute("pinfold.notice.blocked-targets", blocked.size());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("decision", next.code());
                    details.put("acceptedTargets", rows.stream().filter(row -> row.accepted).map(row -> (Object) row.position).toList());
                    details.put("rejectedTargets", rows.stream().filter(row -> !row.accepted).map(row -> (Object) row.position).toList());
                    details.put("status", accept ? basis.status() : null);
                    NoticeDecided event = new NoticeDecided(id.toString(), accept ? NoticeDecision.ACCEPTED : NoticeDecision.REJECTED,
                            actor.name(), reason, accept ? basis.status() : null);
                    Uni<?> block = accept ? denylist.block(id, basis, blocked, actor, reason) : Uni.createFrom().voidItem();
                    return block
                            .chain(() -> outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, event)))
                            .chain(() -> audit.append(new AuditEntry(actor.name(), AuditAction.NOTICE_DECIDED, id.toString(), reason, details)))
                            .invoke(() -> Timer.builder("pinfold.notices.time-to-decision").description("From intake to the decision")
                                    .tag("decision", next.code()).register(metrics)
                                    .record(Duration.between(notice.receivedAt, now)));
                }));
    }

    @WithSpan("notice.counter-notice")
    public Uni<NoticeView> counterNotice(UUID id, CounterNoticeRequest request, Actor actor) {
        if (request == null) {
            throw RequestRejected.badRequest("body", "a JSON object is required");
        }
        List<String> problems = new ArrayList<>();
        SubmissionCheck.text(problems, "statement", request.statement(), 8192, true);
        SubmissionCheck.text(problems, "contact", request.contact(), 320, true);
        rejectIf(problems);
        return transition(id, NoticeState.COUNTER_NOTICE_RECEIVED, notice -> {
            notice.counterNoticeAt = now();
            notice.counterNotice = request.statement().strip();
            notice.counterContact = request.contact().strip();
            return audit.append(new AuditEntry(actor.name(), AuditAction.COUNTER_NOTICE_RECEIVED, id.toString(),
                    "counter-notice received", Map.of("statementLength", request.statement().strip().length())));
        });
    }

    @WithSpan("notice.restore")
    public Uni<NoticeView> restore(UUID id, ClosingRequest request, Actor actor) {
        String reason = closingReason(request);
        return transition(id, NoticeState.RESTORED, notice -> {
            close(notice, actor, reason);
            return denylist.unblock(id, actor, reason)
                    .chain(removed -> outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE,
                                    new NoticeRestored(id.toString(), null, actor.name(), reason)))
                            .chain(() -> audit.append(new AuditEntry(actor.name(), AuditAction.NOTICE_RESTORED, id.toString(), reason,
                                    Map.of("entriesRemoved", removed, "after", notice.counterNoticeAt == null ? "acceptance" : "counter-notice")))));
        });
    }

    @WithSpan("notice.uphold")
    public Uni<NoticeView> uphold(UUID id, ClosingRequest request, Actor actor) {
        String reason = closingReason(request);
        return transition(id, NoticeState.UPHELD, notice -> {
            close(notice, actor, reason);
            return outbox.append(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE,
                            new NoticeDecided(id.toString(), NoticeDecision.UPHELD, actor.name(), reason, notice.basis().status())))
                    .chain(() -> audit.append(new AuditEntry(actor.name(), AuditAction.NOTICE_UPHELD, id.toString(), reason, Map.of())));
        });
    }

    /** Locks the notice, checks the transition, runs the action, and answers the notice as it now is. */
    private Uni<NoticeView> transition(UUID id, NoticeState next, Function<Notice, Uni<?>> action) {
        Span.current().setAttribute("pinfold.notice.id", id.toString());
        return Panache.withTransaction(() -> Notice.<Notice>findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(notice -> {
                            if (notice == null) {
                                return Uni.createFrom().failure(RequestRejected.notFound("no notice with id '" + id + "'"));
                            }
                            next.requireReachableFrom(notice.state(), id.toString());
                            notice.state = next.code();
                            return action.apply(notice).replaceWith(notice);
                        }))
                .chain(notice -> NoticeReader.view(notice.id));
    }

    private static Set<Integer> chosen(List<Integer> positions, int count) {
        if (positions == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < positions.size(); i++) {
            Integer position = positions.get(i);
            if (position == null || position < 0 || position >= count) {
                problems.add("targets[" + i + "]: the notice has no target at position " + position + " (it has 0.." + (count - 1) + ")");
            } else if (!chosen.add(position)) {
                problems.add("targets[" + i + "]: position " + position + " is named twice");
            }
        }
        rejectIf(problems);
        return chosen;
    }

    private static String closingReason(ClosingRequest request) {
        List<String> problems = new ArrayList<>();
        SubmissionCheck.text(problems, "reason", request == null ? null : request.reason(), 4000, true);
        rejectIf(problems);
        return request.reason().strip();
    }

    private static void close(Notice notice, Actor actor, String reason) {
        notice.closedAt = now();
        notice.closedBy = actor.name();
        notice.closedReason = reason;
    }

    private static void rejectIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", String.join("; ", problems));
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
