package io.pinfold.edge.readiness;

import io.pinfold.edge.snapshot.EdgeSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the edge has applied pinfold.nodes and pinfold.denylist up to where they ended when it started, so a
 * starting edge never serves content that was taken down, nor from a node that left the pool; or, when the topics
 * cannot be read (Kafka down), until it serves from its local snapshot ({@link ServingState}). {@code mode} says which.
 */
@Readiness
@ApplicationScoped
public class StartupStateReadiness implements HealthCheck {
    static final String NAME = "Edge state read to the end";

    private final ServingState state;
    private final EdgeSnapshots snapshots;

    public StartupStateReadiness(ServingState state, EdgeSnapshots snapshots) {
        this.state = state;
        this.snapshots = snapshots;
    }

    @Override
    public HealthCheckResponse call() {
        ServingState.Mode mode = state.mode();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(mode != ServingState.Mode.STARTING)
                .withData("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                .withData("state", state.describe());
        for (ReadToEnd reader : state.readers()) {
            response.withData(reader.topic(), reader.describe());
        }
        snapshots.age().ifPresent(age -> response.withData("snapshotAgeSeconds", age.toSeconds()));
        snapshots.lastWrittenAt().ifPresent(at -> response.withData("snapshotWrittenAt", at.toString()));
        return response.build();
    }
}
