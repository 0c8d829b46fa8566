package io.pinfold.edge.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.validation.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Applies pinfold.nodes to the {@link NodePool}. A record that breaks the contract is counted and skipped, never fatal. */
@ApplicationScoped
public class NodeEventsConsumer {
    private static final Logger LOG = Logger.getLogger(NodeEventsConsumer.class);

    private final NodePool pool;
    private final EventCodec codec = new EventCodec();
    private final Counter rejected;

    public NodeEventsConsumer(NodePool pool, MeterRegistry registry) {
        this.pool = pool;
        this.rejected = Counter.builder("pinfold.edge.pool.rejected").description("pinfold.nodes records that broke the contract").register(registry);
    }

    @Incoming("nodes")
    public void onNodeEvent(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            pool.remove(record.key());
            return;
        }
        try {
            EventEnvelope<EventData> event = codec.decode(record.key(), record.headers(), record.value());
            if (event.data() instanceof NodeRegistered registered) {
                pool.apply(registered, event.metadata().time());
            } else if (event.data() instanceof NodeStateChanged changed) {
                pool.apply(changed, event.metadata().time());
            }
        } catch (InvalidEventException e) {
            rejected.increment();
            LOG.warnf("pinfold.nodes record at partition %d offset %d skipped: %s", record.partition(), record.offset(), e.getMessage());
        }
    }
}
