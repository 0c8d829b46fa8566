package io.pinfold.pin.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A pin-service copy with its reconciler off (pinfold.reconcile.enabled=false, an API-only copy): the listing tests
 * set pin statuses in SQL to test the filters, which a running reconciler would recompute from the nodes underneath them.
 */
public class ApiOnlyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pinfold.reconcile.enabled", "false");
    }
}
