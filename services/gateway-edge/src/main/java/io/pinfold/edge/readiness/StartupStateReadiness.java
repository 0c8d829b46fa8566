package io.pinfold.edge.readiness;

import io.pinfold.edge.denylist.DenylistTopicReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the edge has applied pinfold.nodes and pinfold.denylist up to where they ended when it started,
 * so a starting edge never serves content that was taken down, nor from a node that left the pool.
 */
@Readiness
@ApplicationScoped
public class StartupStateReadiness implements HealthCheck {
    static final String NAME = "Edge state read to the end";

    private final List<ReadToEnd> readers;

    public StartupStateReadiness(NodesReadProgress nodes, DenylistTopicReader denylist) {
        this.readers = List.of(nodes.progress(), denylist.progress());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = true;
        for (ReadToEnd reader : readers) {
            up &= reader.caughtUp();
            response.withData(reader.topic(), reader.describe());
        }
        return response.status(up).build();
    }
}
