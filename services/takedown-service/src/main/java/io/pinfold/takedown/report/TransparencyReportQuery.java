package io.pinfold.takedown.report;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.takedown.audit.AuditAction;
import io.pinfold.takedown.notice.LegalBasis;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Builds the transparency report with three aggregate queries in one short read-only session: notices by month,
 * basis and outcome with their target counts; decision-time percentiles per month and for the period (the database
 * computes them, so they are exact, not averaged from months); denylist entries added and removed per month, from
 * the audit trail. Nothing per notice leaves the database.
 */
@ApplicationScoped
public class TransparencyReportQuery {
    static final String TOTAL = "total";

    private static final String NOTICES = "WITH n AS ("
            + " SELECT to_char(n.received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, n.legal_basis, n.state,"
            + " count(t.position) AS requested, count(t.position) FILTER (WHERE t.accepted) AS blocked"
            + " FROM notice n LEFT JOIN notice_target t ON t.notice_id = n.id"
            + " WHERE n.received_at >= :start AND n.received_at < :end GROUP BY n.id)"
            + " SELECT month, legal_basis, " + Outcome.SQL + " AS outcome, count(*), sum(requested)::bigint, sum(blocked)::bigint"
            + " FROM n GROUP BY 1, 2, 3";
    private static final String DECISION_TIMES = "SELECT coalesce(month, '" + TOTAL + "'), count(*),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)"
            + " FROM (SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,"
            + " extract(epoch FROM decided_at - received_at)::float8 AS seconds FROM notice"
            + " WHERE decided_at IS NOT NULL AND received_at >= :start AND received_at < :end) d"
            + " GROUP BY ROLLUP (month)";
    private static final String ENTRIES = "SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM'), action, count(*)"
            + " FROM audit_record WHERE action IN (:added, :removed) AND recorded_at >= :start AND recorded_at < :end"
            + " GROUP BY 1, 2";

    @WithSpan("report.transparency")
    public Uni<TransparencyReport> report(ReportPeriod period) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> rows(session, NOTICES, period, Map.of())
                .chain(notices -> rows(session, DECISION_TIMES, period, Map.of())
                        .chain(times -> rows(session, ENTRIES, period, Map.of(
                                "added", AuditAction.DENYLIST_ENTRY_ADDED.code(), "removed", AuditAction.DENYLIST_ENTRY_REMOVED.code()))
                                .map(entries -> assemble(period, notices, times, entries))))));
    }

    private static Uni<List<Object[]>> rows(Mutiny.Session session, String sql, ReportPeriod period, Map<String, String> more) {
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class)
                .setParameter("start", period.start())
                .setParameter("end", period.end());
        more.forEach(query::setParameter);
        return query.getResultList();
    }

    private static TransparencyReport assemble(ReportPeriod period, List<Object[]> notices, List<Object[]> times, List<Object[]> entries) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        period.months().forEach(month -> tallies.put(month.toString(), new Tally()));
        Tally total = new Tally();
        for (Object[] row : notices) {
            Tally month = tallies.get((String) row[0]);
            for (Tally tally : List.of(month, total)) {
                long count = number(row[3]);
                tally.notices += count;
                tally.byBasis.merge((String) row[1], count, Long::sum);
                tally.byOutcome.merge((String) row[2], count, Long::sum);
                tally.requested += number(row[4]);
                tally.blocked += number(row[5]);
            }
        }
        Map<String, PeriodFigures.DecisionTimes> decisionTimes = new HashMap<>();
        for (Object[] row : times) {
            decisionTimes.put((String) row[0], new PeriodFigures.DecisionTimes(number(row[1]), seconds(row[2]), seconds(row[3])));
        }
        for (Object[] row : entries) {
            Tally month = tallies.get((String) row[0]);
            boolean added = AuditAction.DENYLIST_ENTRY_ADDED.code().equals(row[1]);
            for (Tally tally : List.of(month, total)) {
                if (added) {
                    tally.added += number(row[2]);
                } else {
                    tally.removed += number(row[2]);
                }
            }
        }
        List<PeriodFigures> months = new ArrayList<>();
        tallies.forEach((month, tally) -> months.add(tally.figures(month, decisionTimes)));
        return new TransparencyReport(period.from().toString(), period.to().toString(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), months, total.figures(TOTAL, decisionTimes));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Milliseconds are enough for a report, and keep the JSON and CSV figures the same. */
    private static Double seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
    }

    private static final class Tally {
        long notices;
        final Map<String, Long> byBasis = new LinkedHashMap<>();
        final Map<String, Long> byOutcome = new LinkedHashMap<>();
        long requested;
        long blocked;
        long added;
        long removed;

        Tally() {
            for (LegalBasis basis : LegalBasis.values()) {
                byBasis.put(basis.code(), 0L);
            }
            for (String outcome : Outcome.codes()) {
                byOutcome.put(outcome, 0L);
            }
        }

        PeriodFigures figures(String month, Map<String, PeriodFigures.DecisionTimes> decisionTimes) {
            return new PeriodFigures(month, notices, byBasis, byOutcome, requested, blocked,
                    decisionTimes.getOrDefault(month, PeriodFigures.DecisionTimes.NONE), added, removed);
        }
    }
}
