package io.pinfold.edge.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What one client and the edge as a whole may ask of the gateway (pinfold.edge.limits.*; defaults documented in README). */
@ConfigMapping(prefix = "pinfold.edge.limits")
public interface LimitsConfig {

    /** Requests per second each client address may send on average; 0 turns the rate limit off. */
    @WithDefault("100")
    double ratePerSecond();

    /** Requests a client may send at once above its rate (the bucket's size). */
    @WithDefault("200")
    int burst();

    /** Longest time from a request's arrival to the start of its answer, every node tried included (then 504). */
    @WithDefault("60s")
    Duration requestTimeout();

    /** Requests being proxied to Kubo at once, over all nodes; more are answered 503 BUSY at once. */
    @WithDefault("512")
    int maxUpstreamRequests();
}
