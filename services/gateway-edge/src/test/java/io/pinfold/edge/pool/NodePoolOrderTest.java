package io.pinfold.edge.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.runtime.consume.RecordPosition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool applies pinfold.nodes in topic order: offsets decide, never the events' clocks. */
class NodePoolOrderTest {
    private static final String ID = "n1";
    private final NodePool pool = new NodePool(new SimpleMeterRegistry());
    private final Instant now = Instant.now();

    @Test
    void aLaterOffsetWinsEvenWithAnEarlierEventTime() {
        pool.apply(registered(), now, at(10));
        pool.apply(draining(), now.minusSeconds(60), at(11));

        assertThat(pool.all()).extracting(PoolNode::state).containsExactly(NodeState.DRAINING);
    }

    @Test
    void aRedeliveredOlderOffsetDoesNotRollTheNodeBack() {
        pool.apply(registered(), now, at(10));
        pool.apply(draining(), now, at(11));
        pool.apply(registered(), now, at(10)); // redelivered after a rewind

        assertThat(pool.all()).extracting(PoolNode::state).containsExactly(NodeState.DRAINING);
    }

    @Test
    void aRedeliveredOlderOffsetDoesNotBringARemovedNodeBack() {
        pool.apply(registered(), now, at(10));
        pool.remove(ID, at(12));
        pool.apply(draining(), now, at(11));

        assertThat(pool.all()).isEmpty();
    }

    private static RecordPosition at(long offset) {
        return new RecordPosition("pinfold.nodes", 2, offset);
    }

    private static NodeRegistered registered() {
        return new NodeRegistered(ID, "12D3KooWPeer", "http://127.0.0.1:5001", "http://127.0.0.1:8080", List.of(), null, NodeState.ACTIVE);
    }

    private static NodeStateChanged draining() {
        return new NodeStateChanged(ID, "12D3KooWPeer", "http://127.0.0.1:5001", "http://127.0.0.1:8080", NodeState.DRAINING,
                NodeState.ACTIVE, "gc", null);
    }
}
