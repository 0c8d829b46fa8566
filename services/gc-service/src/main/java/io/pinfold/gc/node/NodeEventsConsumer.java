package io.pinfold.gc.node;

import io.pinfold.events.node.NodeEvent;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.outbox.Inbox;
import io.pinfold.runtime.consume.NodeRecord;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps gc_node in step with pinfold.nodes, in topic order: a record is applied only when its offset is newer than
 * the last one applied for that node (gc_node_position), so a redelivered older record never rolls a node back and
 * a producer's clock (ce_time) never decides. The inbox skips an event already applied that comes again at a newer
 * offset (the outbox relay may publish an event twice, with another event of the node in between). State, position,
 * inbox and then the acknowledgement follow the commit; failures are retried or dead-lettered to pinfold.nodes.dlq by
 * {@link ResilientDelivery}.
 */
@ApplicationScoped
public class NodeEventsConsumer {
    static final String CHANNEL = "nodes";
    private static final String CONSUMER = "gc-service.nodes";

    private final ResilientDelivery delivery;
    private final Inbox inbox;

    public NodeEventsConsumer(ResilientDelivery delivery, Inbox inbox) {
        this.delivery = delivery;
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onNodeEvent(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> consumed) {
        NodeRecord record = NodeRecord.read(consumed);
        return Panache.withTransaction(() -> advance(record.nodeId(), consumed.partition(), consumed.offset())
                .chain(newer -> firstDelivery(record).map(first -> newer && first))
                .chain(apply -> apply ? applyNewer(record) : Uni.createFrom().voidItem()));
    }

    private Uni<Boolean> firstDelivery(NodeRecord record) {
        if (record.isTombstone()) {
            return Uni.createFrom().item(true); // a tombstone has no event id; the position alone orders it
        }
        return inbox.firstDelivery(CONSUMER, record.source(), record.eventId());
    }

    /** Moves the node's position to this record if it is newer; says whether it was. Atomic under concurrent copies. */
    private Uni<Boolean> advance(String nodeId, int partition, long offset) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO gc_node_position (node_id, kafka_partition, kafka_offset) VALUES (:node, :partition, :offset)
                        ON CONFLICT (node_id) DO UPDATE SET kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset
                        WHERE gc_node_position.kafka_partition <> EXCLUDED.kafka_partition
                           OR gc_node_position.kafka_offset < EXCLUDED.kafka_offset""")
                .setParameter("node", nodeId)
                .setParameter("partition", partition)
                .setParameter("offset", offset)
                .executeUpdate()
                .map(updated -> updated == 1));
    }

    private Uni<Void> applyNewer(NodeRecord record) {
        if (record.isTombstone()) {
            return GcNode.deleteById(record.nodeId()).replaceWithVoid();
        }
        NodeEvent event = record.event();
        if (event instanceof NodeRegistered registered) {
            return upsert(registered.nodeId(), registered.peerId(), registered.rpcUrl(), registered.gatewayUrl(), registered.state().json(),
                    java.util.Optional.of(NodeRegistration.of(registered)), record);
        }
        if (event instanceof NodeStateChanged changed) {
            return upsert(changed.nodeId(), changed.peerId(), changed.rpcUrl(), changed.gatewayUrl(), changed.state().json(),
                    NodeRegistration.of(changed), record);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> upsert(String id, String peerId, String rpcUrl, String gatewayUrl, String state,
                             java.util.Optional<NodeRegistration> registration, NodeRecord record) {
        return GcNode.<GcNode>findById(id).chain(existing -> {
            GcNode node = existing != null ? existing : new GcNode();
            node.id = id;
            node.peerId = peerId;
            node.rpcUrl = rpcUrl;
            node.gatewayUrl = gatewayUrl;
            registration.ifPresent(known -> known.writeTo(node)); // a state change without them keeps what is known
            node.state = state;
            node.announcedAt = record.time().atOffset(ZoneOffset.UTC); // shown to operators; never used to order
            return node.persist().replaceWithVoid();
        });
    }
}
