package io.pinfold.edge.gateway;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.edge.access.AccessLog;
import io.pinfold.edge.limits.RequestLimits;
import io.pinfold.edge.readiness.ServingState;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The gateway on the main port: {@code /ipfs/*} and {@code /ipns/*}, GET, HEAD and OPTIONS, and nothing else (every
 * other path of the main port stays 404). Each request is parsed and normalised, refused with 400 when it cannot be,
 * matched against the denylist, and only then answered from the hot-content cache (CachedContent, which checks the
 * roots kept with the entry again) or forwarded. Until the denylist has been read to the end of what the
 * topic held at start, nothing is served: an edge never serves content taken down before it started (unless Kafka
 * cannot be read and it serves the last list it knew from its local snapshot, see ServingState).
 */
@ApplicationScoped
public class GatewayRoutes {
    private final ContentProxy proxy;
    private final GatewayAnswers answers;
    private final GatewayMetrics metrics;
    private final ServingState state;
    private final RequestLimits limits;
    private final AccessLog accessLog;
    private final SubdomainGatewayConfig subdomains;
    private final CachedContent cached;

    public GatewayRoutes(ContentProxy proxy, GatewayAnswers answers, GatewayMetrics metrics, ServingState state, RequestLimits limits,
                         AccessLog accessLog, SubdomainGatewayConfig subdomains, CachedContent cached) {
        this.cached = cached;
        this.subdomains = subdomains;
        this.proxy = proxy;
        this.answers = answers;
        this.metrics = metrics;
        this.state = state;
        this.limits = limits;
        this.accessLog = accessLog;
    }

    void register(@Observes Router router) {
        // A subdomain-gateway Host (<root>.ipfs|ipns.<gateway domain>) makes any path a gateway request; other Hosts go on.
        router.route().order(-101).handler(context -> {
            Optional<SubdomainHost> host = SubdomainHost.of(context.request().getHeader("Host"), subdomains.domains());
            if (host.isEmpty()) {
                context.next();
                return;
            }
            handle(context, host.get().gatewayPath(context.normalizedPath()), host.get().gatewayPath(context.request().path()));
        });
        router.routeWithRegex("^/ip[fn]s(/.*)?$").order(-100).handler(context -> handle(context, context.normalizedPath(),
                context.request().path()));
    }

    /**
     * @param path    the gateway path after dot-segment removal, still percent-encoded (/ipfs/… or /ipns/…)
     * @param rawPath the path as received (for a subdomain request: the path-gateway path it names)
     */
    void handle(RoutingContext context, String path, String rawPath) {
        HttpServerRequest http = context.request();
        accessLog.follow(context);
        long retryAfter = limits.retryAfterSeconds(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        if (retryAfter > 0) {
            count(context, null);
            answers.error(context.response().putHeader("Retry-After", Long.toString(retryAfter)), 429, "TOO_MANY_REQUESTS",
                    "client: more than " + limits.config().ratePerSecond() + " requests per second (burst "
                            + limits.config().burst() + ") from this address; retry after " + retryAfter + " s");
            return;
        }
        HttpMethod method = http.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            count(context, null);
            answers.error(context.response().putHeader("Allow", "GET, HEAD, OPTIONS"), 405, "METHOD_NOT_ALLOWED",
                    "method: the gateway is read-only, " + method + " is not allowed (GET, HEAD, OPTIONS)");
            return;
        }
        GatewayRequest request;
        try {
            request = GatewayRequest.parse(path, http.query(), http.getHeader("Accept"), rawPath);
        } catch (BadGatewayRequestException e) {
            count(context, null);
            answers.error(context.response(), 400, "BAD_REQUEST", e.getMessage());
            return;
        }
        count(context, request.format());
        if (state.mode() == ServingState.Mode.STARTING) {
            answers.error(context.response().putHeader("Retry-After", "1"), 503, "STARTING",
                    "denylist: not read up to its end at start yet and no local snapshot to serve from (" + state.describe() + ")");
            return;
        }
        Optional<DenylistEntry> hit = proxy.check(request.content());
        if (hit.isPresent()) {
            metrics.blocked(hit.get().hints().notice().orElse(null), "request");
            AccessLog.blocked(context, hit.get());
            answers.blocked(context.response(), request.content().toString(), hit.get());
            return;
        }
        if (cached.answer(context, request)) {
            return;
        }
        proxy.forward(context, request);
    }

    private void count(RoutingContext context, ResponseFormat format) {
        context.addEndHandler(done -> metrics.answered(context.response().getStatusCode(), format));
    }
}
