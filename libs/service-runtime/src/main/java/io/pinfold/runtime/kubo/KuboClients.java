package io.pinfold.runtime.kubo;

import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.KuboClientOptions;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link KuboClient} per node RPC URL, on the application's Vert.x, so connections are pooled and reused. */
@ApplicationScoped
public class KuboClients {
    private final Vertx vertx;
    private final KuboNodesConfig config;
    private final Map<URI, KuboClient> clients = new ConcurrentHashMap<>();

    public KuboClients(Vertx vertx, KuboNodesConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public KuboClient forNode(URI rpcUrl) {
        return clients.computeIfAbsent(rpcUrl,
                url -> KuboClient.create(vertx, KuboClientOptions.of(url).withTimeout(config.timeout())
                        .withStreamIdleTimeout(config.streamIdleTimeout())));
    }

    @PreDestroy
    void close() {
        clients.values().forEach(KuboClient::close);
        clients.clear();
    }
}
