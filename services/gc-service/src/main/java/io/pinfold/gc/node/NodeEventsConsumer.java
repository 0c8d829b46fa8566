package io.pinfold.gc.node;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps gc_node in step with pinfold.nodes. The record is acknowledged only after the transaction commits,
 * and the inbox makes a redelivered record a no-op.
 */
@ApplicationScoped
public class NodeEventsConsumer {
    private static final Logger LOG = Logger.getLogger(NodeEventsConsumer.class);
    private static final String CONSUMER = "gc-service.nodes";

    private final Inbox inbox;
    private final EventCodec codec = new EventCodec();

    public NodeEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("nodes")
    @WithTransaction
    public Uni<Void> onNodeEvent(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return GcNode.deleteById(record.key()).replaceWithVoid();
        }
        EventEnvelope<EventData> event;
        try {
            event = codec.decode(record.key(), record.headers(), record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("pinfold.nodes record at partition %d offset %d skipped: %s", record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return inbox.firstDelivery(CONSUMER, event.metadata().id())
                .chain(first -> first ? apply(event) : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(EventEnvelope<EventData> event) {
        if (event.data() instanceof NodeRegistered registered) {
            return upsert(registered.nodeId(), registered.peerId(), registered.rpcUrl(), registered.state().json(), event);
        }
        if (event.data() instanceof NodeStateChanged changed) {
            return upsert(changed.nodeId(), changed.peerId(), changed.rpcUrl(), changed.state().json(), event);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> upsert(String id, String peerId, String rpcUrl, String state, EventEnvelope<EventData> event) {
        return GcNode.<GcNode>findById(id).chain(existing -> {
            GcNode node = existing != null ? existing : new GcNode();
            var announcedAt = event.metadata().time().atOffset(ZoneOffset.UTC);
            if (existing != null && existing.announcedAt.isAfter(announcedAt)) {
                return Uni.createFrom().voidItem(); // an older event replayed after a newer one
            }
            node.id = id;
            node.peerId = peerId;
            node.rpcUrl = rpcUrl;
            node.state = state;
            node.announcedAt = announcedAt;
            return node.persist().replaceWithVoid();
        });
    }
}
