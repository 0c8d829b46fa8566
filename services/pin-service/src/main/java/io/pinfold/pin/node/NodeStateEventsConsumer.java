package io.pinfold.pin.node;

import io.pinfold.events.PinfoldSource;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.runtime.consume.NodeRecord;
import io.pinfold.runtime.consume.ResilientDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies other services' node.state-changed events on pinfold.nodes to the registry, e.g. gc-service's
 * "draining" while a full GC holds a node and "active" after it: the reconciler starts no work on a draining node.
 * pin-service's own events are skipped (the registry wrote that state already, and replaying an old one could
 * undo a newer change). Applied in topic order: a record older than the last one applied for the node is skipped.
 */
@ApplicationScoped
public class NodeStateEventsConsumer {
    private static final Logger LOG = Logger.getLogger(NodeStateEventsConsumer.class);
    static final String CHANNEL = "nodes";

    private final ResilientDelivery delivery;

    public NodeStateEventsConsumer(ResilientDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onNodeEvent(Message<byte[]> message) {
        return delivery.deliver(CHANNEL, message, this::apply);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> consumed) {
        NodeRecord record = NodeRecord.read(consumed);
        if (record.isTombstone() || !(record.event() instanceof NodeStateChanged changed)
                || PinfoldSource.PIN_SERVICE.uri().equals(record.source())) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> advance(record.nodeId(), consumed.partition(), consumed.offset())
                .chain(newer -> !newer ? Uni.createFrom().voidItem() : KuboNode.<KuboNode>findById(changed.nodeId()).invoke(node -> {
                    if (node != null && node.state != changed.state()) {
                        LOG.infof("Kubo node %s is %s (was %s), as %s announced: %s", node.id, changed.state().json(),
                                node.state.json(), record.source(), changed.reason());
                        node.state = changed.state();
                        node.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    }
                }).replaceWithVoid()));
    }

    private Uni<Boolean> advance(String nodeId, int partition, long offset) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO node_event_position (node_id, kafka_partition, kafka_offset) VALUES (:node, :partition, :offset)
                        ON CONFLICT (node_id) DO UPDATE SET kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset
                        WHERE node_event_position.kafka_partition <> EXCLUDED.kafka_partition
                           OR node_event_position.kafka_offset < EXCLUDED.kafka_offset""")
                .setParameter("node", nodeId)
                .setParameter("partition", partition)
                .setParameter("offset", offset)
                .executeUpdate()
                .map(updated -> updated == 1));
    }
}
