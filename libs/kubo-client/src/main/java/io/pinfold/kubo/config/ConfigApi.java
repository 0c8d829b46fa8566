package io.pinfold.kubo.config;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;

/** The node's configuration: {@code config show}. */
public final class ConfigApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public ConfigApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    public Uni<KuboConfig> show() {
        return transport.callJson(KuboRequest.command("config/show"), limits.timeout(), KuboConfig::new);
    }
}
