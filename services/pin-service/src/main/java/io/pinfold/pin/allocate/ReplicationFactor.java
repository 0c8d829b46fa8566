package io.pinfold.pin.allocate;

import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.util.List;

/**
 * How many nodes hold a pin: at least {@code min} for it to count as safely placed, up to {@code max} when
 * enough nodes are available. A value type; {@link #of} checks it against the operator's cap.
 */
public record ReplicationFactor(int min, int max) {

    /** The largest cap an operator may configure: the bound of {@code replication} in the pin.requested contract. */
    public static final int HARD_CAP = 16;

    public ReplicationFactor {
        if (min < 1 || max < min || max > HARD_CAP) {
            throw new InvalidEventException(violations(min, max, HARD_CAP, "replicationMin", "replicationMax"));
        }
    }

    /**
     * @param cap the operator's upper bound for max (pinfold.replication.cap)
     * @throws InvalidEventException naming {@code replicationMin}/{@code replicationMax} and the reason
     */
    public static ReplicationFactor of(int min, int max, int cap) {
        List<Violation> violations = violations(min, max, cap, "replicationMin", "replicationMax");
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new ReplicationFactor(min, max);
    }

    /** Every problem with (min, max) under {@code cap}, reported under the given field names. */
    public static List<Violation> violations(int min, int max, int cap, String minField, String maxField) {
        cap = Math.min(cap, HARD_CAP);
        FieldChecks checks = FieldChecks.start()
                .between(minField, min, 1, cap)
                .between(maxField, max, 1, cap);
        if (min >= 1 && max >= 1 && max < min) {
            checks.add(maxField, "must be at least " + minField + " (" + min + "), was " + max);
        }
        return checks.violations();
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
