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
 * matched against the denylist, and only then forwarded. Until the denylist has been read to the end of what the
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

    public GatewayRoutes(ContentProxy proxy, GatewayAnswers answers, GatewayMetrics metrics, ServingState state, RequestLimits limits,
                         AccessLog accessLog) {
        this.proxy = proxy;
        this.answers = answers;
        this.metrics = metrics;
        this.state = state;
        this.limits = limits;
        this.accessLog = accessLog;
    }

    void register(@Observes Router router) {
        router.routeWithRegex("^/ip[fn]s(/.*)?$").order(-100).handler(this::handle);
    }

    void handle(RoutingContext context) {
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
            request = GatewayRequest.parse(context.normalizedPath(), http.query(), http.getHeader("Accept"), http.path());
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
        proxy.forward(context, request);
    }

    private void count(RoutingContext context, ResponseFormat format) {
        context.addEndHandler(done -> metrics.answered(context.response().getStatusCode(), format));
    }
}
