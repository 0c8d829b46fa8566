package io.pinfold.runtime.kubo;

import io.pinfold.kubo.node.IdInfo;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Asks every configured Kubo node who it is. Ready when at least one answers (the others are reported
 * DOWN per node in the data), since work moves to the nodes that are up; not ready when none does.
 * A service configured with no nodes is ready: it learns its nodes from pinfold.nodes.
 */
@Readiness
@ApplicationScoped
public class KuboNodesReadiness implements AsyncHealthCheck {
    private final KuboNodesConfig config;
    private final KuboClients clients;

    public KuboNodesReadiness(KuboNodesConfig config, KuboClients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<URI> nodes = config.rpcUrls().orElse(List.of());
        if (nodes.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.named("Kubo nodes").up().withData("configured", 0).build());
        }
        List<Uni<NodeAnswer>> probes = nodes.stream().map(this::probe).toList();
        return Uni.join().all(probes).andCollectFailures().map(answers -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Kubo nodes");
            long up = answers.stream().filter(NodeAnswer::up).count();
            answers.forEach(answer -> response.withData(answer.rpcUrl().toString(), answer.summary()));
            return response.status(up > 0).withData("up", up).withData("configured", answers.size()).build();
        });
    }

    private Uni<NodeAnswer> probe(URI rpcUrl) {
        return clients.forNode(rpcUrl).withTimeout(config.healthTimeout()).id()
                .map(id -> NodeAnswer.up(rpcUrl, id))
                .onFailure().recoverWithItem(failure -> NodeAnswer.down(rpcUrl, failure));
    }

    private record NodeAnswer(URI rpcUrl, boolean up, String summary) {
        static NodeAnswer up(URI rpcUrl, IdInfo id) {
            return new NodeAnswer(rpcUrl, true, "UP " + id.peerId() + " " + id.agentVersion());
        }

        static NodeAnswer down(URI rpcUrl, Throwable failure) {
            return new NodeAnswer(rpcUrl, false, "DOWN " + failure.getMessage());
        }
    }
}
