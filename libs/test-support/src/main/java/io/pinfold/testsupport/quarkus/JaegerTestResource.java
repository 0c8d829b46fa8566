package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.tracing.Jaeger;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a Quarkus test's traces to the shared real Jaeger ({@link Jaeger#shared()}), whose query URL is
 * also set as {@code pinfold.jaeger.query-url}; read traces back with {@code Jaeger.shared().query()}.
 */
public class JaegerTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String QUERY_URL_PROPERTY = "pinfold.jaeger.query-url";

    @Override
    public Map<String, String> start() {
        Jaeger jaeger = Jaeger.shared();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.otel.exporter.otlp.endpoint", jaeger.otlpEndpoint());
        // Export spans soon after they end, so a test need not wait the default 5 s for its trace.
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        jaeger.knownQueryUrl().ifPresent(url -> config.put(QUERY_URL_PROPERTY, url));
        return config;
    }

    @Override
    public void stop() {
        // shared with the other test classes of this JVM
    }
}
