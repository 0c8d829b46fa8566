package io.pinfold.runtime.topics;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the Pinfold topics exist as the contract says: consumers and the outbox relay need them. DOWN with
 * the reason otherwise: Kafka unreachable, or one line per topic setting that breaks the contract.
 */
@Readiness
@ApplicationScoped
public class TopicsReadiness implements HealthCheck {
    static final String NAME = "Kafka topics";

    private final TopicProvisioner provisioner;

    public TopicsReadiness(TopicProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(provisioner.provisioned());
        if (!provisioner.provisioned()) {
            response.withData("error", String.valueOf(provisioner.lastError()));
            for (int i = 0; i < provisioner.mismatches().size(); i++) {
                response.withData("mismatch-" + (i + 1), provisioner.mismatches().get(i));
            }
        }
        return response.build();
    }
}
