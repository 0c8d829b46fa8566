package io.pinfold.edge.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.runtime.metrics.OwnedGauges;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge's own limits on the gateway: a token bucket per client address ({@code rate-per-second}, {@code burst}),
 * and a cap on requests being proxied to Kubo at once ({@code max-upstream-requests}). Counted in
 * {@code pinfold.edge.limited{limit=rate|upstream}}; the requests in flight upstream in {@code pinfold.edge.upstream.in-flight}.
 */
@ApplicationScoped
public class RequestLimits {
    private final LimitsConfig config;
    private final ClientRateLimiter rates;
    private final AtomicInteger upstream = new AtomicInteger();
    private final Counter rateLimited;
    private final Counter busy;
    private final Vertx vertx;
    private final long sweeper;
    private final OwnedGauges gauges;

    public RequestLimits(LimitsConfig config, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.rates = config.ratePerSecond() > 0 ? new ClientRateLimiter(config.ratePerSecond(), config.burst()) : null;
        this.rateLimited = Counter.builder("pinfold.edge.limited").tag("limit", "rate")
                .description("requests refused by a limit of the edge").register(registry);
        this.busy = Counter.builder("pinfold.edge.limited").tag("limit", "upstream")
                .description("requests refused by a limit of the edge").register(registry);
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.upstream.in-flight", "requests being proxied to Kubo gateways now", Tags.empty(),
                upstream, AtomicInteger::get);
        this.sweeper = rates == null ? -1 : vertx.setPeriodic(TimeUnit.SECONDS.toMillis(30), id -> rates.sweep(System.nanoTime()));
    }

    /** 0 when {@code client} may send this request now, else the whole seconds to wait (for Retry-After). */
    public long retryAfterSeconds(String client) {
        if (rates == null) {
            return 0;
        }
        long waitNanos = rates.take(client == null ? "unknown" : client, System.nanoTime());
        if (waitNanos == 0) {
            return 0;
        }
        rateLimited.increment();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** Takes an upstream slot; false (counted) when {@code max-upstream-requests} are in flight. Release each slot taken once. */
    public boolean acquireUpstream() {
        while (true) {
            int now = upstream.get();
            if (now >= config.maxUpstreamRequests()) {
                busy.increment();
                return false;
            }
            if (upstream.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void releaseUpstream() {
        upstream.decrementAndGet();
    }

    public LimitsConfig config() {
        return config;
    }

    @PreDestroy
    void close() {
        gauges.close();
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }
}
