package io.pinfold.runtime.topics;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the Pinfold topics exist: consumers and the outbox relay need them. */
@Readiness
@ApplicationScoped
public class TopicsReadiness implements HealthCheck {
    private final TopicProvisioner provisioner;

    public TopicsReadiness(TopicProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka topics").status(provisioner.provisioned());
        if (!provisioner.provisioned()) {
            response.withData("error", String.valueOf(provisioner.lastError()));
        }
        return response.build();
    }
}
