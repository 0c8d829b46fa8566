package io.pinfold.edge.gateway;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.DenylistEntry;
import io.pinfold.edge.access.AccessLog;
import io.pinfold.edge.cache.CacheFill;
import io.pinfold.edge.denylist.DenylistEntries;
import io.pinfold.edge.limits.RequestLimits;
import io.pinfold.edge.pool.PoolNode;
import io.pinfold.edge.routing.UpstreamConfig;
import io.pinfold.edge.routing.UpstreamNodes;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Forwards a checked gateway request to the Kubo gateway of an active node and streams the answer back with
 * backpressure (the upstream is paused while the client's write queue is full; nothing is buffered whole).
 *
 * <p>Before the first byte: a node that cannot be reached, times out or answers 502/503 is marked in its breaker and
 * the next candidate is tried (every gateway method is idempotent). When the headers arrive, the CIDs Kubo met while
 * resolving ({@code X-Ipfs-Roots}, and the one the Etag names) are matched against the denylist before anything is
 * forwarded; a CAR body goes through a {@link CarBlockGate} that stops the stream before a blocked block. An answer
 * {@link CachedContent} may keep is copied into the hot-content cache as it streams (never holding the client back).
 */
@ApplicationScoped
public class ContentProxy {
    private static final Logger LOG = Logger.getLogger(ContentProxy.class);
    /** The upstream request of the current attempt, reset when the request timeout answers first. */
    private static final String CURRENT_UPSTREAM = "pinfold.upstream.request";
    /** Request headers a Kubo gateway needs to negotiate, range and revalidate; nothing else (no Host, no cookies) is forwarded. */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Accept", "Accept-Encoding", "Range", "If-Range",
            "If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since", "Cache-Control", "Origin",
            "Access-Control-Request-Method", "Access-Control-Request-Headers", "Service-Worker", "User-Agent");
    /** Hop-by-hop headers (RFC 9110 7.6.1) are the connection's, never the content's. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-authenticate", "proxy-authorization", "proxy-connection");

    private final UpstreamNodes nodes;
    private final DenylistEntries denylist;
    private final GatewayAnswers answers;
    private final GatewayMetrics metrics;
    private final UpstreamConfig config;
    private final HttpClient client;
    private final RequestLimits limits;
    private final Vertx vertx;
    private final CachedContent cached;

    public ContentProxy(Vertx vertx, UpstreamNodes nodes, DenylistEntries denylist, GatewayAnswers answers, GatewayMetrics metrics,
                        UpstreamConfig config, RequestLimits limits, CachedContent cached) {
        this.vertx = vertx;
        this.cached = cached;
        this.limits = limits;
        this.nodes = nodes;
        this.denylist = denylist;
        this.answers = answers;
        this.metrics = metrics;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnectionsPerNode())
                .setKeepAlive(true)
                // A body that stops flowing is cut by the connection's idle timeout (no byte read or written for that
                // long). Not HttpClientRequest.idleTimeout: set after the response head, Vert.x 4 never cancels that
                // timer, so every proxied request stayed reachable (and was reset) until it fired — at ~1,200 req/s a
                // 512 MiB heap filled in half a minute (bench/gateway run 4).
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTryUseCompression(false));
    }

    public void forward(RoutingContext context, GatewayRequest request) {
        List<PoolNode> candidates = nodes.candidates(contentKey(request));
        if (candidates.isEmpty()) {
            answers.error(context.response().putHeader("Retry-After", "5"), 503, "NO_GATEWAY",
                    "pool: no active Kubo gateway announced on pinfold.nodes");
            return;
        }
        if (!limits.acquireUpstream()) {
            answers.error(context.response().putHeader("Retry-After", "1"), 503, "BUSY",
                    "upstream: " + limits.config().maxUpstreamRequests() + " requests to Kubo gateways in flight already");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        long deadline = vertx.setTimer(limits.config().requestTimeout().toMillis(), id -> {
            HttpServerResponse response = context.response();
            if (!response.headWritten() && !response.ended() && !response.closed()) {
                // Answer first: cancelling the upstream request fails its attempt, which must find the request answered.
                answers.error(response, 504, "REQUEST_TIMEOUT", "upstream: no answer within the request timeout of "
                        + limits.config().requestTimeout().toSeconds() + " s, every node tried included");
                HttpClientRequest current = context.get(CURRENT_UPSTREAM);
                if (current != null) {
                    current.reset();
                }
            }
        });
        context.addEndHandler(done -> {
            vertx.cancelTimer(deadline);
            if (released.compareAndSet(false, true)) {
                limits.releaseUpstream();
            }
        });
        attempt(context, request, candidates, 0, null);
    }

    /** The answer was already given (the request timeout, a client gone): an upstream answer that comes now is dropped. */
    private static boolean answered(HttpServerResponse response) {
        return response.ended() || response.closed() || response.headWritten();
    }

    private void attempt(RoutingContext context, GatewayRequest request, List<PoolNode> candidates, int index, String lastFailure) {
        HttpServerResponse response = context.response();
        if (answered(response)) {
            return;
        }
        if (index >= candidates.size()) {
            boolean timedOut = lastFailure != null && lastFailure.contains("timed out");
            LOG.warnf("%s answered %d: %d attempt(s) failed before the first byte, last: %s", request.upstreamPath(),
                    timedOut ? 504 : 502, candidates.size(), lastFailure);
            answers.error(response, timedOut ? 504 : 502, timedOut ? "UPSTREAM_TIMEOUT" : "UPSTREAM_FAILED",
                    "upstream: " + candidates.size() + " attempt(s) on Kubo gateways failed, last: " + lastFailure);
            return;
        }
        PoolNode node = candidates.get(index);
        RequestOptions options = target(node, request).setMethod(context.request().method()).setFollowRedirects(false);
        MultiMap incoming = context.request().headers();
        for (String name : FORWARDED_REQUEST_HEADERS) {
            for (String value : incoming.getAll(name)) {
                options.addHeader(name, value);
            }
        }
        long started = System.nanoTime();
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                failed(context, request, candidates, index, node, started, opened.cause().toString());
                return;
            }
            HttpClientRequest upstream = opened.result();
            if (answered(response)) {
                upstream.reset();
                return;
            }
            context.put(CURRENT_UPSTREAM, upstream);
            // Resets (the client left, the request timeout) fail the request on purpose: the send() future reports
            // them; without a handler Vert.x would also log each as an ERROR.
            upstream.exceptionHandler(failure -> LOG.debugf("upstream request for %s ended: %s", request.upstreamPath(), failure));
            upstream.idleTimeout(config.responseTimeout().toMillis());
            response.closeHandler(closed -> upstream.reset());
            upstream.send().onComplete(sent -> {
                if (sent.failed()) {
                    String reason = isTimeout(sent.cause()) ? "timed out after " + config.responseTimeout() : sent.cause().toString();
                    failed(context, request, candidates, index, node, started, reason);
                    return;
                }
                HttpClientResponse answer = sent.result();
                if (answered(response)) {
                    answer.exceptionHandler(ignored -> { });
                    upstream.reset();
                    return;
                }
                int status = answer.statusCode();
                if ((status == 502 || status == 503) && index + 1 < candidates.size()) {
                    answer.exceptionHandler(ignored -> { });
                    upstream.reset();
                    failed(context, request, candidates, index, node, started, node.id() + " answered " + status);
                    return;
                }
                metrics.upstream(node.id(), Integer.toString(status), System.nanoTime() - started);
                nodes.succeeded(node);
                if (status >= 200 && status < 300) {
                    nodes.answered(contentKey(request), node);
                }
                AccessLog.upstream(context, node.id());
                relay(context, request, upstream, answer);
            });
        });
    }

    private void failed(RoutingContext context, GatewayRequest request, List<PoolNode> candidates, int index, PoolNode node,
                        long started, String reason) {
        metrics.upstream(node.id(), "failed", System.nanoTime() - started);
        nodes.failed(node);
        LOG.debugf("upstream %s (%s) failed for %s: %s", node.id(), node.gatewayUrl(), request.upstreamPath(), reason);
        attempt(context, request, candidates, index + 1, node.id() + ": " + reason);
    }

    /** The root CID's multihash of an /ipfs request (every CID form of the content alike), null for /ipns. */
    private static String contentKey(GatewayRequest request) {
        return request.content().cid() == null ? null : request.content().cid().multihash().toBase32();
    }

    /** Vert.x reports an idle timeout with its own exception type, not java.util.concurrent's. */
    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
    }

    private static RequestOptions target(PoolNode node, GatewayRequest request) {
        URI base = node.gatewayUrl();
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return new RequestOptions().setHost(base.getHost()).setPort(port).setSsl(tls).setURI(prefix + request.upstreamUri());
    }

    /** Checks what Kubo met on the way, then forwards status, headers and the body. */
    private void relay(RoutingContext context, GatewayRequest request, HttpClientRequest upstream, HttpClientResponse answer) {
        HttpServerResponse response = context.response();
        List<Cid> roots = metRoots(answer);
        Optional<DenylistEntry> hit = denylist.match(request.content().withAlong(roots));
        if (hit.isPresent()) {
            answer.exceptionHandler(ignored -> { });
            upstream.reset();
            metrics.blocked(hit.get().hints().notice().orElse(null), "roots");
            AccessLog.blocked(context, hit.get());
            answers.blocked(response, request.content().toString(), hit.get());
            return;
        }
        response.setStatusCode(answer.statusCode());
        String message = answer.statusMessage();
        if (message != null && !message.isEmpty()) {
            response.setStatusMessage(message);
        }
        MultiMap headers = response.headers();
        answer.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        if (!headers.contains("X-Ipfs-Path")) {
            headers.set("X-Ipfs-Path", request.requestPath());
        }
        if (!headers.contains("Content-Length")) {
            response.setChunked(true);
        }
        String type = answer.getHeader("Content-Type");
        CarBlockGate gate = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/vnd.ipld.car")
                ? new CarBlockGate(denylist::matchBlock) : null;
        stream(context, request, answer, gate, gate == null ? cached.fill(context, answer, roots) : null);
    }

    /** @param fill the copy into the hot-content cache, or null */
    private void stream(RoutingContext context, GatewayRequest request, HttpClientResponse answer, CarBlockGate gate, CacheFill fill) {
        HttpServerResponse response = context.response();
        answer.handler(chunk -> {
            Buffer out = chunk;
            if (gate != null) {
                out = Buffer.buffer(gate.accept(chunk.getBytes()));
            }
            if (out.length() > 0) {
                if (fill != null) {
                    fill.append(out);
                }
                response.write(out);
            }
            if (gate != null && gate.stopped()) {
                answer.handler(null);
                answer.exceptionHandler(ignored -> { });
                answer.request().reset();
                if (gate.blocked().isPresent()) {
                    metrics.blocked(gate.blocked().get().hints().notice().orElse(null), "car");
                    AccessLog.blocked(context, gate.blocked().get());
                    LOG.infof("stopped the CAR of %s before blocked block %s", request.content(), gate.blockedCid());
                } else {
                    LOG.warnf("stopped the CAR of %s: %s", request.content(), gate.malformed());
                }
                abort(context);
                return;
            }
            if (response.writeQueueFull()) {
                answer.pause();
                response.drainHandler(drained -> answer.resume());
            }
        });
        answer.exceptionHandler(failure -> {
            LOG.debugf("upstream body of %s failed: %s", request.upstreamPath(), failure);
            if (fill != null) {
                fill.abandon();
            }
            abort(context);
        });
        answer.endHandler(done -> {
            if (gate != null && !gate.endedCleanly() && !gate.stopped() && context.request().method() != HttpMethod.HEAD
                    && answer.statusCode() == 200) {
                LOG.warnf("the CAR of %s ended inside a section", request.content());
                abort(context);
                return;
            }
            if (fill != null) {
                fill.complete();
            }
            response.end();
        });
    }

    /** Ends a response that already started without its proper end, so the client sees it incomplete, never whole. */
    private static void abort(RoutingContext context) {
        if (!context.response().closed()) {
            context.request().connection().close();
        }
    }

    /** The CIDs the node met resolving the request: X-Ipfs-Roots, and the CID an Etag names. Unreadable entries are skipped. */
    static List<Cid> metRoots(HttpClientResponse answer) {
        List<Cid> roots = new ArrayList<>();
        for (String header : answer.headers().getAll("X-Ipfs-Roots")) {
            for (String text : header.split(",")) {
                parse(text.strip()).ifPresent(roots::add);
            }
        }
        String etag = answer.getHeader("Etag");
        if (etag != null) {
            etagCid(etag).ifPresent(roots::add);
        }
        return roots;
    }

    /** {@code "<cid>"}, {@code "<cid>.<format>"}, {@code W/"..."} or {@code "DirIndex-<hash>_CID-<cid>"}. */
    static Optional<Cid> etagCid(String etag) {
        String text = etag.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        int marker = text.indexOf("_CID-");
        if (marker >= 0) {
            text = text.substring(marker + 5);
        }
        int dot = text.indexOf('.');
        return parse(dot < 0 ? text : text.substring(0, dot));
    }

    private static Optional<Cid> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cid.parse(text));
        } catch (InvalidCidException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** For the request's own check before any upstream call. */
    public Optional<DenylistEntry> check(ContentRequest request) {
        return denylist.match(request);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
