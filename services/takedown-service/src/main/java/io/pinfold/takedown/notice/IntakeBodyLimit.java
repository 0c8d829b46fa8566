package io.pinfold.takedown.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.runtime.rest.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a {@code POST /notices} whose {@code Content-Length} is above {@code pinfold.notices.max-body-bytes} before
 * a byte of it is read: 413 with the field-naming error body ({@code body: at most N bytes, got M}) and the connection
 * closed. Without it, a public client could make the service read up to {@code quarkus.http.limits.max-body-size}
 * (10M) per request before {@link NoticeResource} counts the bytes, and a body above that limit got Quarkus's own 413
 * with no JSON body. A chunked body (no length) is still counted by {@link NoticeResource} as it is read. A Vert.x
 * route ordered before Quarkus's own length check (order -2), because a JAX-RS filter runs after it.
 */
@ApplicationScoped
public class IntakeBodyLimit {
    static final int ORDER = -3;
    private final IntakeConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public IntakeBodyLimit(IntakeConfig config, MeterRegistry metrics, ObjectMapper json) {
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.POST, "/notices").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            context.next();
            return;
        }
        if (declared <= config.maxBodyBytes()) {
            context.next();
            return;
        }
        Counter.builder("pinfold.notices.intake").description("POST /notices answers, by outcome")
                .tag("outcome", "too-large").register(metrics).increment();
        String body;
        try {
            body = json.writeValueAsString(ApiError.of("PAYLOAD_TOO_LARGE", tooLarge(config.maxBodyBytes(), declared)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Closed once answered: the client may still be sending the body, which is never read.
        context.response().endHandler(done -> context.request().connection().close());
        context.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close").end(body);
    }

    /** The 413 details, here and in {@link NoticeResource}. */
    static String tooLarge(int max, long got) {
        return "body: at most " + max + " bytes, got " + got;
    }
}
