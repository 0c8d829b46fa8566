package io.pinfold.edge.pool;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one active gateway in the pool serves content: it asks each for the empty
 * identity-hash CID, which every Kubo gateway answers from the CID itself, without the network.
 */
@Readiness
@ApplicationScoped
public class GatewaysReadiness implements AsyncHealthCheck {
    static final String PROBE_PATH = "/ipfs/bafkqaaa";

    private final NodePool pool;
    private final WebClient client;
    private final Duration timeout;

    public GatewaysReadiness(NodePool pool, Vertx vertx,
                             @ConfigProperty(name = "pinfold.edge.health-timeout", defaultValue = "3s") Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis()).setKeepAlive(false));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<PoolNode> serving = pool.serving();
        if (serving.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.named("Kubo gateways").down()
                    .withData("known", pool.all().size()).withData("error", "no active Kubo gateway announced on pinfold.nodes yet").build());
        }
        List<Uni<String>> probes = serving.stream().map(this::probe).toList();
        return Uni.join().all(probes).andCollectFailures().map(answers -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Kubo gateways");
            long up = answers.stream().filter(answer -> answer.startsWith("UP")).count();
            for (int i = 0; i < serving.size(); i++) {
                response.withData(serving.get(i).id(), answers.get(i));
            }
            return response.status(up > 0).withData("serving", up).build();
        });
    }

    private Uni<String> probe(PoolNode node) {
        return client.requestAbs(HttpMethod.GET, node.gatewayUrl() + PROBE_PATH)
                .timeout(timeout.toMillis())
                .send()
                .map(response -> response.statusCode() == 200 ? "UP " + node.gatewayUrl() : "DOWN " + node.gatewayUrl() + " answered " + response.statusCode())
                .onFailure().recoverWithItem(failure -> "DOWN " + node.gatewayUrl() + ": " + failure.getMessage());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
