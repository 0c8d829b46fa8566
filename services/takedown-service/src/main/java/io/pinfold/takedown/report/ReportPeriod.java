package io.pinfold.takedown.report;

import io.pinfold.runtime.rest.RequestRejected;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The months a report covers, both ends included, in UTC: {@code from=2026-01&to=2026-12}. Without {@code to}, the
 * current month; without {@code from}, the eleven months before {@code to} as well (a year).
 */
public record ReportPeriod(YearMonth from, YearMonth to) {

    public static ReportPeriod parse(String from, String to, YearMonth now, int maxMonths) {
        YearMonth last = to == null || to.isBlank() ? now : month("to", to);
        YearMonth first = from == null || from.isBlank() ? last.minusMonths(11) : month("from", from);
        if (first.isAfter(last)) {
            throw RequestRejected.badRequest("from", "must not be after to (" + last + "), got " + first);
        }
        long months = first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        if (months > maxMonths) {
            throw RequestRejected.badRequest("from", "a report covers at most " + maxMonths + " months; " + first + " to " + last
                    + " is " + months);
        }
        return new ReportPeriod(first, last);
    }

    private static YearMonth month(String field, String text) {
        try {
            YearMonth month = YearMonth.parse(text.strip());
            if (month.getYear() < 1970 || month.getYear() > 9999) {
                throw RequestRejected.badRequest(field, "year must be between 1970 and 9999, got " + text);
            }
            return month;
        } catch (DateTimeParseException e) {
            throw RequestRejected.badRequest(field, "must be a month as YYYY-MM, got '" + text + "'");
        }
    }

    /** The first instant of the period (inclusive). */
    public OffsetDateTime start() {
        return from.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after the period (exclusive). */
    public OffsetDateTime end() {
        return to.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }
}
