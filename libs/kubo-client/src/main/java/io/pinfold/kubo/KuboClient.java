package io.pinfold.kubo;

import io.pinfold.kubo.block.BlockApi;
import io.pinfold.kubo.config.ConfigApi;
import io.pinfold.kubo.content.ContentApi;
import io.pinfold.kubo.dag.DagApi;
import io.pinfold.kubo.files.FilesApi;
import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.pinfold.kubo.name.NameApi;
import io.pinfold.kubo.node.IdInfo;
import io.pinfold.kubo.node.VersionInfo;
import io.pinfold.kubo.pin.PinApi;
import io.pinfold.kubo.reclaim.ReclaimApi;
import io.pinfold.kubo.repo.RepoApi;
import io.pinfold.kubo.swarm.SwarmApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A non-blocking client of one Kubo node's RPC API. Calls return Mutiny {@code Uni}/{@code Multi}:
 * nothing is sent until subscription, cancelling aborts the HTTP request, and failures are
 * {@link io.pinfold.kubo.error.KuboException}s naming the call.
 *
 * <pre>{@code
 * KuboClient kubo = KuboClient.create(vertx, KuboClientOptions.of("http://127.0.0.1:15002"));
 * kubo.pin().ls(PinLsOptions.all()).subscribe().with(pin -> ...);
 * kubo.withTimeout(Duration.ofMinutes(5)).pin().add(cid, PinAddOptions.recursivePin());
 * }</pre>
 */
public final class KuboClient implements AutoCloseable {

    private final KuboTransport transport;
    private final KuboClientOptions options;
    private final CallLimits limits;
    private final boolean ownsTransport;

    private KuboClient(KuboTransport transport, KuboClientOptions options, CallLimits limits, boolean ownsTransport) {
        this.transport = transport;
        this.options = options;
        this.limits = limits;
        this.ownsTransport = ownsTransport;
    }

    public static KuboClient create(Vertx vertx, KuboClientOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        KuboTransport transport = new KuboTransport(vertx, options.rpcUrl(), options.baseUrl(), options.connectTimeout(),
                options.maxConnections(), options.authorization());
        return new KuboClient(transport, options, options.limits(), true);
    }

    public static KuboClient create(io.vertx.mutiny.core.Vertx vertx, KuboClientOptions options) {
        return create(Objects.requireNonNull(vertx, "vertx").getDelegate(), options);
    }

    /** The same client with another deadline for its calls; shares the connections, closing it is a no-op. */
    public KuboClient withTimeout(Duration callTimeout) {
        return new KuboClient(transport, options, limits.withTimeout(callTimeout), false);
    }

    /**
     * The same client with another idle timeout for its streamed calls, e.g. a longer one for
     * {@code pin add --progress} of a large DAG from slow providers, or for {@code pin verify} without
     * healthy pins, which is silent while it checks healthy ones; shares the connections.
     */
    public KuboClient withStreamIdleTimeout(Duration idleTimeout) {
        return new KuboClient(transport, options, limits.withStreamIdleTimeout(idleTimeout), false);
    }

    public URI rpcUrl() {
        return options.rpcUrl();
    }

    public Duration timeout() {
        return limits.timeout();
    }

    public Duration streamIdleTimeout() {
        return limits.streamIdleTimeout();
    }

    /** The node's identity: peer ID, addresses, agent version. */
    public Uni<IdInfo> id() {
        return transport.callJson(KuboRequest.command("id"), limits.timeout(), IdInfo::from);
    }

    public Uni<VersionInfo> version() {
        return transport.callJson(KuboRequest.command("version"), limits.timeout(), VersionInfo::from);
    }

    public ContentApi content() {
        return new ContentApi(transport, limits);
    }

    public PinApi pin() {
        return new PinApi(transport, limits);
    }

    public BlockApi block() {
        return new BlockApi(transport, limits);
    }

    public DagApi dag() {
        return new DagApi(transport, limits);
    }

    public RepoApi repo() {
        return new RepoApi(transport, limits);
    }

    public NameApi name() {
        return new NameApi(transport, limits);
    }

    public FilesApi files() {
        return new FilesApi(transport, limits);
    }

    public ConfigApi config() {
        return new ConfigApi(transport, limits);
    }

    /** The pinfold/* commands of Pinfold's own Kubo build (targeted GC); a stock Kubo refuses them. */
    public ReclaimApi reclaim() {
        return new ReclaimApi(transport, limits);
    }

    public SwarmApi swarm() {
        return new SwarmApi(transport, limits);
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }
}
