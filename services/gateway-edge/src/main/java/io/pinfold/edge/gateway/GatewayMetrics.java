package io.pinfold.edge.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters: {@code pinfold.edge.requests{status,format}}, {@code pinfold.edge.blocked{notice,where}}
 * (where: request, roots — also a cache hit's kept roots —, car), {@code pinfold.edge.upstream.latency{node,outcome}} (time to the response headers).
 */
@ApplicationScoped
public class GatewayMetrics {
    private final MeterRegistry registry;
    /** Meters by their tags: looked up per request, built once (a builder and a registry lookup per call cost more than the request's own work). */
    private final Map<String, Counter> answers = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreams = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void answered(int status, ResponseFormat format) {
        String label = format == null ? "none" : format.label();
        answers.computeIfAbsent(status + " " + label, key -> Counter.builder("pinfold.edge.requests")
                .description("gateway requests answered, by status and response format")
                .tag("status", Integer.toString(status)).tag("format", label).register(registry)).increment();
    }

    public void blocked(String notice, String where) {
        Counter.builder("pinfold.edge.blocked").description("requests stopped by the denylist, by notice and where it was seen")
                .tag("notice", notice == null ? "none" : notice).tag("where", where)
                .register(registry).increment();
    }

    public void upstream(String node, String outcome, long nanos) {
        upstreams.computeIfAbsent(node + " " + outcome, key -> Timer.builder("pinfold.edge.upstream.latency")
                .description("time from sending a request to a Kubo gateway to its response headers")
                .tag("node", node).tag("outcome", outcome).publishPercentileHistogram().register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
