package io.pinfold.edge.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /edge/pool} on the management interface: the pool names peer ids and internal gateway URLs, which
 * the internet-facing main port must never show. A Vert.x route because JAX-RS resources only live on the main port.
 */
@ApplicationScoped
public class PoolRoute {
    public static final String PATH = "/edge/pool";

    private final NodePool pool;
    private final ObjectMapper json;

    public PoolRoute(NodePool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(PATH).handler(context -> {
            try {
                context.response().putHeader("Content-Type", "application/json").end(json.writeValueAsString(pool.all()));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }
}
