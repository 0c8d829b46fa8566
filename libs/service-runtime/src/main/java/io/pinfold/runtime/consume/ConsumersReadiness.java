package io.pinfold.runtime.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while a channel has been retrying one record for longer than {@code pinfold.consumer.readiness.stuck-after}:
 * the consumer is stuck behind it, and the operator sees which channel, which record and why. (A channel that
 * failed outright shows in SmallRye Reactive Messaging's own readiness check.)
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    private final ConsumerStatus status;
    private final ConsumerConfig config;

    public ConsumersReadiness(ConsumerStatus status, ConsumerConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumers").up();
        for (Map.Entry<String, Optional<ConsumerStatus.Retrying>> channel : status.channels().entrySet()) {
            Optional<ConsumerStatus.Retrying> retrying = channel.getValue();
            if (retrying.isEmpty()) {
                response.withData(channel.getKey(), "consuming");
                continue;
            }
            ConsumerStatus.Retrying record = retrying.get();
            boolean stuck = record.age(now).compareTo(config.readiness().stuckAfter()) > 0;
            response.withData(channel.getKey(), (stuck ? "stuck: " : "retrying: ") + record.position() + ", "
                    + record.attempts() + " attempts in " + record.age(now).toSeconds() + " s, last error: " + record.lastError());
            if (stuck) {
                response.down();
            }
        }
        return response.build();
    }
}
