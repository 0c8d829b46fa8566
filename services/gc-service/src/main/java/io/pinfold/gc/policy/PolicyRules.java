package io.pinfold.gc.policy;

import io.pinfold.events.gc.GcMode;
import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.gc.strategy.GcStrategies;
import io.pinfold.runtime.rest.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Checks a policy request field by field and names every field that is wrong, with the reason. */
@ApplicationScoped
public class PolicyRules {
    static final long DEFAULT_MIN_INTERVAL_SECONDS = 3600;
    private static final int MAX_WINDOWS = 24;

    private final GcStrategies strategies;

    public PolicyRules(GcStrategies strategies) {
        this.strategies = strategies;
    }

    /** The policy to store for {@code nodeId}, or a 400 naming every bad field. */
    GcPolicy check(String nodeId, PolicyRequest request) {
        if (request == null) {
            throw RequestRejected.badRequest("body", "a JSON policy is required");
        }
        FieldChecks checks = FieldChecks.start()
                .atLeast("reclaimableBytesWatermark", request.reclaimableBytesWatermark(), 0)
                .between("repoUsageWatermarkPercent", request.repoUsageWatermarkPercent(), 1, 100)
                .atLeast("minIntervalSeconds", request.minIntervalSeconds(), 0);
        String mode = checkMode(checks, request.mode());
        List<TimeWindow> windows = checkWindows(checks, request.windows());
        if (!checks.violations().isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", InvalidEventException.describe(checks.violations()));
        }
        GcPolicy policy = new GcPolicy();
        policy.nodeId = nodeId;
        policy.mode = mode;
        policy.dryRun = Boolean.TRUE.equals(request.dryRun());
        policy.reclaimableBytesWatermark = request.reclaimableBytesWatermark();
        policy.repoUsageWatermarkPercent = request.repoUsageWatermarkPercent();
        policy.minIntervalSeconds = request.minIntervalSeconds() == null ? DEFAULT_MIN_INTERVAL_SECONDS : request.minIntervalSeconds();
        policy.windows = String.join(",", windows.stream().map(TimeWindow::toString).toList());
        return policy;
    }

    /** A mode an operator names: full or targeted (purge runs are started by gc-service itself), and implemented here. */
    public String checkMode(FieldChecks checks, String mode) {
        if (mode == null) {
            return GcMode.FULL.json();
        }
        GcMode parsed = Arrays.stream(GcMode.values()).filter(known -> known != GcMode.PURGE)
                .filter(known -> known.json().equals(mode.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
        if (parsed == null) {
            checks.add("mode", "'" + mode + "' is not a GC mode (full or targeted)");
            return null;
        }
        if (strategies.forMode(parsed).isEmpty()) {
            checks.add("mode", "'" + parsed.json() + "' GC is not implemented yet; use full");
            return null;
        }
        return parsed.json();
    }

    private static List<TimeWindow> checkWindows(FieldChecks checks, List<String> texts) {
        List<TimeWindow> windows = new ArrayList<>();
        if (texts == null) {
            return windows;
        }
        checks.size("windows", texts, 0, MAX_WINDOWS);
        for (int i = 0; i < texts.size(); i++) {
            StringBuilder problem = new StringBuilder();
            String field = "windows[" + i + "]";
            TimeWindow.parse(texts.get(i), problem).ifPresentOrElse(windows::add, () -> checks.add(field, problem.toString()));
        }
        return windows;
    }

    static List<TimeWindow> windows(String stored) {
        List<TimeWindow> windows = new ArrayList<>();
        for (String text : windowTexts(stored)) {
            TimeWindow.parse(text, new StringBuilder()).ifPresent(windows::add);
        }
        return windows;
    }

    static List<String> windowTexts(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }
}
