package io.pinfold.kubo;

import io.pinfold.kubo.block.BlockApi;
import io.pinfold.kubo.config.ConfigApi;
import io.pinfold.kubo.content.ContentApi;
import io.pinfold.kubo.dag.DagApi;
import io.pinfold.kubo.files.FilesApi;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.pinfold.kubo.name.NameApi;
import io.pinfold.kubo.node.IdInfo;
import io.pinfold.kubo.node.VersionInfo;
import io.pinfold.kubo.pin.PinApi;
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
    private final Duration timeout;
    private final boolean ownsTransport;

    private KuboClient(KuboTransport transport, KuboClientOptions options, Duration timeout, boolean ownsTransport) {
        this.transport = transport;
        this.options = options;
        this.timeout = timeout;
        this.ownsTransport = ownsTransport;
    }

    public static KuboClient create(Vertx vertx, KuboClientOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        KuboTransport transport = new KuboTransport(vertx, options.rpcUrl(), options.baseUrl(), options.connectTimeout(),
                options.maxConnections(), options.authorization());
        return new KuboClient(transport, options, options.timeout(), true);
    }

    public static KuboClient create(io.vertx.mutiny.core.Vertx vertx, KuboClientOptions options) {
        return create(Objects.requireNonNull(vertx, "vertx").getDelegate(), options);
    }

    /** The same client with another deadline for its calls; shares the connections, closing it is a no-op. */
    public KuboClient withTimeout(Duration callTimeout) {
        KuboClientOptions.requirePositive("timeout", callTimeout);
        return new KuboClient(transport, options, callTimeout, false);
    }

    public URI rpcUrl() {
        return options.rpcUrl();
    }

    public Duration timeout() {
        return timeout;
    }

    /** The node's identity: peer ID, addresses, agent version. */
    public Uni<IdInfo> id() {
        return transport.callJson(KuboRequest.command("id"), timeout, IdInfo::from);
    }

    public Uni<VersionInfo> version() {
        return transport.callJson(KuboRequest.command("version"), timeout, VersionInfo::from);
    }

    public ContentApi content() {
        return new ContentApi(transport, timeout);
    }

    public PinApi pin() {
        return new PinApi(transport, timeout);
    }

    public BlockApi block() {
        return new BlockApi(transport, timeout);
    }

    public DagApi dag() {
        return new DagApi(transport, timeout);
    }

    public RepoApi repo() {
        return new RepoApi(transport, timeout);
    }

    public NameApi name() {
        return new NameApi(transport, timeout);
    }

    public FilesApi files() {
        return new FilesApi(transport, timeout);
    }

    public ConfigApi config() {
        return new ConfigApi(transport, timeout);
    }

    public SwarmApi swarm() {
        return new SwarmApi(transport, timeout);
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }
}
