package io.pinfold.runtime.kubo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The Kubo nodes a service is configured to reach. */
@ConfigMapping(prefix = "pinfold.kubo")
public interface KuboNodesConfig {

    /** RPC API base URLs, e.g. {@code http://127.0.0.1:15002}; environment PINFOLD_KUBO_RPC_URLS. */
    Optional<List<URI>> rpcUrls();

    /** Gateway base URLs, paired with {@link #rpcUrls()} by position; environment PINFOLD_KUBO_GATEWAY_URLS. */
    Optional<List<URI>> gatewayUrls();

    /**
     * Zones of the configured nodes, paired with {@link #rpcUrls()} by position, {@code -} for "no zone"; environment
     * PINFOLD_KUBO_ZONES. Unset: configured nodes keep whatever zone was set over pin-service's API.
     */
    Optional<List<String>> zones();

    /** Deadline of one Kubo RPC call unless the caller sets another. */
    @WithDefault("30s")
    Duration timeout();

    /**
     * How long a streamed Kubo call (pin add --progress, refs, cat, repo gc, pin ls), once its answer
     * has begun, may go without progress before it is aborted; for pin add, progress is a new block.
     */
    @WithDefault("60s")
    Duration streamIdleTimeout();

    /** Deadline of the readiness probe of one node. */
    @WithDefault("3s")
    Duration healthTimeout();
}
