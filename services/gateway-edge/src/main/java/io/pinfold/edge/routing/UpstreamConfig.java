package io.pinfold.edge.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the edge talks to the Kubo gateways of the pool (pinfold.edge.upstream.*; defaults documented in README). */
@ConfigMapping(prefix = "pinfold.edge.upstream")
public interface UpstreamConfig {

    /** Time to open a connection to a node. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time from sending the request to the response headers, per node and attempt. */
    @WithDefault("30s")
    Duration responseTimeout();

    /** Longest pause while the body streams before the response is cut. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Nodes tried for one request when a node fails before its first byte (idempotent methods only: all the gateway has). */
    @WithDefault("3")
    int attempts();

    /** Connections kept per node. */
    @WithDefault("64")
    int maxConnectionsPerNode();

    /** Root CIDs for which the nodes that answered 2xx lately are remembered and asked first; 0: no preference. */
    @WithDefault("10000")
    int rememberedContents();

    Breaker breaker();

    interface Breaker {
        /** Failures in a row that open a node's breaker. */
        @WithDefault("5")
        int failures();

        /** How long an open breaker keeps traffic off the node before one trial request. */
        @WithDefault("10s")
        Duration openFor();
    }
}
