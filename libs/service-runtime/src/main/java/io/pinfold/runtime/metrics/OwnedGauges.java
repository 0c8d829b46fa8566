package io.pinfold.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The gauges one bean owns. A Micrometer gauge reads a state object it was given at registration, and a registry
 * asked to register an id it already holds returns the meter it has, bound to the old object. Quarkus's registry
 * outlives an application start in the same JVM (every restart of a test application), so a bean that registers
 * "its" gauge again would silently keep reporting the previous bean's object: stale, or NaN once that object is
 * collected (Micrometer holds it weakly by default). Seen in CI: a per-node gauge that never showed the new value.
 *
 * <p>So a gauge registered here replaces any meter of the same id, holds its state strongly, and is removed from
 * the registry by {@link #close()} (call it from the owner's {@code @PreDestroy}).
 */
public final class OwnedGauges implements AutoCloseable {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    public OwnedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The value behind the gauge {@code name{tags}}, registered on first use; set it to report. */
    public AtomicLong value(String name, String description, Tags tags) {
        return values.computeIfAbsent(name + tags, key -> {
            AtomicLong value = new AtomicLong();
            register(name, description, tags, value, AtomicLong::get);
            return value;
        });
    }

    /** A gauge reading {@code state} through {@code reader}, replacing any meter of the same id. */
    public <T> void register(String name, String description, Tags tags, T state, ToDoubleFunction<T> reader) {
        register(name, description, null, tags, state, reader);
    }

    /**
     * As {@link #register(String, String, Tags, Object, ToDoubleFunction)}, with a base unit (e.g. {@code seconds},
     * which Prometheus appends to the name); null for none.
     */
    public <T> void register(String name, String description, String baseUnit, Tags tags, T state, ToDoubleFunction<T> reader) {
        // find() matches meters carrying at least these tags: only the one with exactly these is the same id.
        registry.find(name).tags(tags).gauges().stream()
                .filter(stale -> Tags.of(stale.getId().getTags()).equals(tags))
                .forEach(registry::remove);
        meters.add(Gauge.builder(name, state, reader).description(description).baseUnit(baseUnit).tags(tags)
                .strongReference(true).register(registry));
    }

    /** Removes every gauge registered here from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
        values.clear();
    }
}
