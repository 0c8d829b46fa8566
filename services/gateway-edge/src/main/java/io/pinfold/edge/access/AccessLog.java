package io.pinfold.edge.access;

import io.pinfold.denylist.DenylistEntry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One line per gateway request, at INFO, to the logger category {@value #CATEGORY} (route it with
 * {@code quarkus.log.category."pinfold.edge.access".*}): the Combined Log Format (client, time, request line, status,
 * bytes sent, referer, user agent), then {@code duration=<ms>ms upstream=<node id>|cache|- block=<rule>|- notice=<id>|-
 * end=complete|cut}. {@code cut}: the connection was closed before the response ended (a CAR stopped before a
 * blocked block, a client gone, an upstream body that failed).
 */
@ApplicationScoped
public class AccessLog {
    public static final String CATEGORY = "pinfold.edge.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String UPSTREAM = "pinfold.access.upstream";
    private static final String BLOCK = "pinfold.access.block";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final boolean enabled;

    public AccessLog(@ConfigProperty(name = "pinfold.edge.access-log.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    /** Logs the request when its response is done, however it ends. */
    public void follow(RoutingContext context) {
        if (!enabled) {
            return;
        }
        long started = System.nanoTime();
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);
        context.addEndHandler(done -> LOG.info(line(context, at, System.nanoTime() - started, done.succeeded())));
    }

    /** The node whose answer is (being) forwarded, or {@code cache} for an answer from the hot-content cache. */
    public static void upstream(RoutingContext context, String nodeId) {
        context.put(UPSTREAM, nodeId);
    }

    /** The denylist rule that blocked the request (or stopped its CAR). */
    public static void blocked(RoutingContext context, DenylistEntry rule) {
        context.put(BLOCK, rule);
    }

    static String line(RoutingContext context, ZonedDateTime at, long nanos, boolean ended) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        SocketAddress remote = request.remoteAddress();
        DenylistEntry block = context.get(BLOCK);
        String upstream = context.get(UPSTREAM);
        StringBuilder line = new StringBuilder(256);
        line.append(remote == null ? "-" : remote.hostAddress()).append(" - - [").append(TIME.format(at)).append("] \"")
                .append(request.method()).append(' ').append(quoted(request.uri())).append(' ').append(version(request)).append("\" ")
                .append(response.getStatusCode()).append(' ').append(response.bytesWritten()).append(" \"")
                .append(quoted(orDash(request.getHeader("Referer")))).append("\" \"").append(quoted(orDash(request.getHeader("User-Agent"))))
                .append("\" duration=").append(nanos / 1_000_000).append("ms upstream=").append(orDash(upstream))
                .append(" block=").append(block == null ? "-" : block.rule())
                .append(" notice=").append(block == null ? "-" : block.hints().notice().orElse("-"))
                .append(" end=").append(ended ? "complete" : "cut");
        return line.toString();
    }

    private static String version(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_2 -> "HTTP/2.0";
            default -> "HTTP/1.1";
        };
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** No quote or control character of the client's can break the line apart. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
