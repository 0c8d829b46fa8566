package io.pinfold.pin.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts the admin API's state changes by what they did (pinfold_admin_changes_total{change=…}). */
@ApplicationScoped
public class AdminChanges {
    private final MeterRegistry registry;

    public AdminChanges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String change) {
        registry.counter("pinfold.admin.changes", "change", change).increment();
    }
}
