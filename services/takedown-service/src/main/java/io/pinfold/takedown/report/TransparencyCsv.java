package io.pinfold.takedown.report;

import io.pinfold.takedown.notice.LegalBasis;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV (RFC 4180, CRLF line ends): a header row, one row per month, then the {@code total} row. Every
 * value is a number or a month, so nothing needs quoting; an undefined decision time is an empty cell.
 */
public final class TransparencyCsv {
    private TransparencyCsv() {
    }

    public static String write(TransparencyReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("month", "notices"));
        for (LegalBasis basis : LegalBasis.values()) {
            header.add("basis_" + basis.code().replace('-', '_'));
        }
        for (String outcome : Outcome.codes()) {
            header.add("outcome_" + outcome.replace('-', '_'));
        }
        header.addAll(List.of("targets_requested", "targets_blocked", "decided", "median_decision_seconds",
                "p90_decision_seconds", "entries_added", "entries_removed"));
        row(csv, header);
        report.months().forEach(month -> row(csv, values(month)));
        row(csv, values(report.total()));
        return csv.toString();
    }

    private static List<String> values(PeriodFigures figures) {
        List<String> values = new ArrayList<>(List.of(figures.month(), Long.toString(figures.notices())));
        for (LegalBasis basis : LegalBasis.values()) {
            values.add(Long.toString(figures.byLegalBasis().getOrDefault(basis.code(), 0L)));
        }
        for (String outcome : Outcome.codes()) {
            values.add(Long.toString(figures.byOutcome().getOrDefault(outcome, 0L)));
        }
        PeriodFigures.DecisionTimes times = figures.timeToDecision();
        values.addAll(List.of(Long.toString(figures.targetsRequested()), Long.toString(figures.targetsBlocked()),
                Long.toString(times.decided()), seconds(times.medianSeconds()), seconds(times.p90Seconds()),
                Long.toString(figures.entriesAdded()), Long.toString(figures.entriesRemoved())));
        return values;
    }

    private static String seconds(Double value) {
        return value == null ? "" : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void row(StringBuilder csv, List<String> values) {
        csv.append(String.join(",", values)).append("\r\n");
    }
}
