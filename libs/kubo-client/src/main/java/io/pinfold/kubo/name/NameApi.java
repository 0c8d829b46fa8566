package io.pinfold.kubo.name;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;

/** IPNS: {@code name resolve} (what follow lists re-check) and {@code name publish}. */
public final class NameApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public NameApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /**
     * Resolves an IPNS name ({@code /ipns/k51…}, a bare key, or a DNSLink domain) to a path.
     *
     * @param noCache ask the network again instead of trusting a cached record
     */
    public Uni<NameResolution> resolve(String name, boolean noCache) {
        return resolve(name, noCache, true);
    }

    /**
     * Like {@link #resolve(String, boolean)}; with {@code recursive} false Kubo takes one step only, so a record that
     * points at another /ipns/ name (or a DNSLink domain) answers that name and the caller resolves it its own way.
     */
    public Uni<NameResolution> resolve(String name, boolean noCache, boolean recursive) {
        return transport.callJson(
                KuboRequest.command("name/resolve").arg(name).option("recursive", recursive).option("nocache", noCache),
                limits.timeout(), NameResolution::from);
    }

    /**
     * One step, never from the cache, with the DHT search bounded: Kubo otherwise waits for 16 records or a minute
     * ({@code --dht-record-count}, {@code --dht-timeout}), which on a network of few peers is the whole minute.
     */
    public Uni<NameResolution> resolveFresh(String name, int dhtRecordCount, java.time.Duration dhtTimeout) {
        return transport.callJson(
                KuboRequest.command("name/resolve").arg(name).option("recursive", false).option("nocache", true)
                        .option("dht-record-count", dhtRecordCount).option("dht-timeout", dhtTimeout.toMillis() + "ms"),
                limits.timeout(), NameResolution::from);
    }

    /**
     * Publishes {@code path} under the node's key {@code key} ("self" is the node's own identity).
     *
     * @param allowOffline store the record locally even when no peer can take it
     */
    public Uni<NamePublication> publish(String path, String key, boolean allowOffline) {
        return transport.callJson(
                KuboRequest.command("name/publish").arg(path).option("key", key).option("allow-offline", allowOffline),
                limits.timeout(), NamePublication::from);
    }
}
