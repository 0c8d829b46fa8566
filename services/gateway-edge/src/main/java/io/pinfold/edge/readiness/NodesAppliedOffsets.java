package io.pinfold.edge.readiness;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Records, for each pinfold.nodes record the pool consumer has finished with (acknowledged after it was
 * applied, or given up on and skipped), that the partition got past it. Kept beside the consumer, not in it,
 * so the consumer stays about the pool.
 */
@ApplicationScoped
@Identifier("nodes")
public class NodesAppliedOffsets implements IncomingInterceptor {
    private final NodesReadProgress nodes;

    public NodesAppliedOffsets(NodesReadProgress nodes) {
        this.nodes = nodes;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        passed(message);
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        passed(message);
    }

    private void passed(Message<?> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(record -> nodes.progress().reached(record.getPartition(), record.getOffset() + 1));
    }
}
