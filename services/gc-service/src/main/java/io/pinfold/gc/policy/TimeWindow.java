package io.pinfold.gc.policy;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily UTC window in which a policy may start runs, written {@code HH:MM-HH:MM}. The end is exclusive; an end
 * before the start wraps past midnight ({@code 22:00-02:00}); {@code 24:00} as the end means midnight.
 */
public record TimeWindow(int startMinute, int endMinute) {
    private static final Pattern FORM = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final int DAY = 24 * 60;

    /** The window, or empty with {@code problem} filled when the text does not parse. */
    public static Optional<TimeWindow> parse(String text, StringBuilder problem) {
        Matcher matcher = text == null ? null : FORM.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            problem.append("'").append(text).append("' is not HH:MM-HH:MM (UTC), e.g. 02:00-05:00");
            return Optional.empty();
        }
        int start = minute(matcher.group(1), matcher.group(2), false);
        int end = minute(matcher.group(3), matcher.group(4), true);
        if (start < 0 || end < 0) {
            problem.append("'").append(text).append("' has a time out of range (hours 00-23, minutes 00-59; 24:00 only as the end)");
            return Optional.empty();
        }
        if (start == end) {
            problem.append("'").append(text).append("' is empty (start equals end)");
            return Optional.empty();
        }
        return Optional.of(new TimeWindow(start, end));
    }

    private static int minute(String hours, String minutes, boolean end) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (end && h == 24 && m == 0) {
            return DAY;
        }
        return h > 23 || m > 59 ? -1 : h * 60 + m;
    }

    public boolean contains(LocalTime time) {
        int minute = time.getHour() * 60 + time.getMinute();
        return startMinute < endMinute
                ? minute >= startMinute && minute < endMinute
                : minute >= startMinute || minute < endMinute;
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60);
    }
}
