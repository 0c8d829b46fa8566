package io.pinfold.takedown.report;

import java.util.Arrays;
import java.util.List;

/**
 * Where a notice stands, as a transparency report says it: its state, with an acceptance that blocked only some of
 * the notice's targets told apart as {@code partly}. Each notice has exactly one outcome.
 */
public enum Outcome {
    PENDING("pending"),
    ACCEPTED("accepted"),
    PARTLY("partly"),
    REJECTED("rejected"),
    COUNTER_NOTICED("counter-noticed"),
    RESTORED("restored"),
    UPHELD("upheld");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Outcome::code).toList();
    }

    /** SQL over a notice's {@code state} and its targets {@code requested} / {@code blocked}: the outcome's code. */
    static final String SQL = "CASE WHEN state = 'received' THEN 'pending'"
            + " WHEN state = 'accepted' AND blocked < requested THEN 'partly'"
            + " WHEN state = 'counter-notice-received' THEN 'counter-noticed'"
            + " ELSE state END";
}
