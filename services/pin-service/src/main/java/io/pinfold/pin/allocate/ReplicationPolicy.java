package io.pinfold.pin.allocate;

import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's replication rules: the factor a pin gets when nothing else says (pinfold.replication.min/max), and
 * the cap no tenant default or per-pin override may exceed (pinfold.replication.cap).
 */
public final class ReplicationPolicy {
    private final ReplicationFactor defaultFactor;
    private final int cap;

    /** @throws IllegalArgumentException naming the configuration keys when they do not fit together */
    public ReplicationPolicy(int defaultMin, int defaultMax, int cap) {
        List<Violation> problems = new ArrayList<>();
        if (cap < 1 || cap > ReplicationFactor.HARD_CAP) {
            problems.add(new Violation("pinfold.replication.cap", "must be between 1 and " + ReplicationFactor.HARD_CAP + ", was " + cap));
        }
        problems.addAll(ReplicationFactor.violations(defaultMin, defaultMax, Math.max(1, cap),
                "pinfold.replication.min", "pinfold.replication.max"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(InvalidEventException.describe(problems));
        }
        this.defaultFactor = new ReplicationFactor(defaultMin, defaultMax);
        this.cap = cap;
    }

    public ReplicationFactor defaultFactor() {
        return defaultFactor;
    }

    public int cap() {
        return cap;
    }

    /** Keys of a pin's {@code meta} that override its replication factor, as whole numbers in text. */
    public static final String META_MIN = "replicationMin";
    public static final String META_MAX = "replicationMax";

    /**
     * The factor for a pin whose {@code meta} may carry {@value #META_MIN} and/or {@value #META_MAX}.
     *
     * @throws InvalidEventException naming {@code meta.replicationMin}/{@code meta.replicationMax} and the reason
     */
    public ReplicationFactor resolveFromMeta(ReplicationFactor fallback, Map<String, String> meta) {
        List<Violation> problems = new ArrayList<>();
        Integer min = number(meta, META_MIN, problems);
        Integer max = number(meta, META_MAX, problems);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        try {
            return resolve(fallback, min, max);
        } catch (InvalidEventException e) {
            throw e.under("meta");
        }
    }

    private static Integer number(Map<String, String> meta, String key, List<Violation> problems) {
        String text = meta == null ? null : meta.get(key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            problems.add(new Violation("meta." + key, "must be a whole number, was " + Violation.quote(text)));
            return null;
        }
    }

    /**
     * The factor for a pin: {@code fallback} (a tenant's default, or {@link #defaultFactor()}) with whichever of min
     * and max the override gives. A given min above the fallback's max raises max with it, so "min 3" alone means 3..3.
     *
     * @throws InvalidEventException naming {@code replicationMin}/{@code replicationMax} when the result breaks the rules
     */
    public ReplicationFactor resolve(ReplicationFactor fallback, Integer min, Integer max) {
        int effectiveMin = min != null ? min : Math.min(fallback.min(), max != null ? max : fallback.min());
        int effectiveMax = max != null ? max : Math.max(fallback.max(), effectiveMin);
        return ReplicationFactor.of(effectiveMin, effectiveMax, cap);
    }
}
