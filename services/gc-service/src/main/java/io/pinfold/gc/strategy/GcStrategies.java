package io.pinfold.gc.strategy;

import io.pinfold.events.gc.GcMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The implemented GC modes; a mode without a strategy bean is refused where an operator asks for it. */
@ApplicationScoped
public class GcStrategies {
    private final Map<GcMode, GcStrategy> byMode = new EnumMap<>(GcMode.class);

    public GcStrategies(Instance<GcStrategy> strategies) {
        strategies.forEach(strategy -> byMode.put(strategy.mode(), strategy));
    }

    public Optional<GcStrategy> forMode(GcMode mode) {
        return Optional.ofNullable(byMode.get(mode));
    }
}
