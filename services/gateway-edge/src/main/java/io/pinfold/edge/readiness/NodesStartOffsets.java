package io.pinfold.edge.readiness;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Captures, when the nodes channel gets its partitions, where each starts and ends: the end is what the edge
 * must have applied before it serves (mp.messaging.incoming.nodes.consumer-rebalance-listener.name).
 */
@ApplicationScoped
@Identifier(NodesStartOffsets.NAME)
public class NodesStartOffsets implements KafkaConsumerRebalanceListener {
    public static final String NAME = "edge-nodes-start-offsets";

    private final NodesReadProgress nodes;

    public NodesStartOffsets(NodesReadProgress nodes) {
        this.nodes = nodes;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        nodes.progress().assigned(byPartition(consumer.beginningOffsets(partitions)), byPartition(consumer.endOffsets(partitions)));
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().partition(), Map.Entry::getValue));
    }
}
