package io.pinfold.kubo.config;

import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** The node's configuration: {@code config show}. */
public final class ConfigApi {

    private final KuboTransport transport;
    private final Duration timeout;

    public ConfigApi(KuboTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    public Uni<KuboConfig> show() {
        return transport.callJson(KuboRequest.command("config/show"), timeout, KuboConfig::new);
    }
}
