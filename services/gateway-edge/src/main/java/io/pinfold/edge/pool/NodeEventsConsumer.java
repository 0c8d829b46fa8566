package io.pinfold.edge.pool;

import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.runtime.consume.NodeRecord;
import io.pinfold.runtime.consume.RecordPosition;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies pinfold.nodes to the {@link NodePool}, in topic order. A record that breaks the contract is counted
 * ({@code pinfold.consumer.records{channel=nodes,outcome=skipped}}), logged with its reason and skipped, never fatal.
 * It is not dead-lettered from here: every edge copy re-reads the whole compacted topic at start and would add the
 * same record to pinfold.nodes.dlq again each time; gc-service, one consumer group, dead-letters it once.
 */
@ApplicationScoped
public class NodeEventsConsumer {
    static final String CHANNEL = "nodes";

    private final NodePool pool;
    private final ResilientDelivery delivery;

    public NodeEventsConsumer(NodePool pool, ResilientDelivery delivery) {
        this.pool = pool;
        this.delivery = delivery;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onNodeEvent(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> consumed) {
        NodeRecord record = NodeRecord.read(consumed);
        RecordPosition position = new RecordPosition(consumed.topic(), consumed.partition(), consumed.offset());
        if (record.isTombstone()) {
            pool.remove(record.nodeId(), position);
        } else if (record.event() instanceof NodeRegistered registered) {
            pool.apply(registered, record.time(), position);
        } else if (record.event() instanceof NodeStateChanged changed) {
            pool.apply(changed, record.time(), position);
        }
        return Uni.createFrom().voidItem();
    }
}
