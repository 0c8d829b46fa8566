package io.pinfold.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.edge.pool.NodePool;
import io.pinfold.edge.pool.PoolNode;
import io.pinfold.events.node.NodeState;
import io.pinfold.runtime.consume.RecordPosition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamPreferenceTest {

    private static UpstreamConfig config() {
        return new UpstreamConfig() {
            public Duration connectTimeout() { return Duration.ofSeconds(1); }
            public Duration responseTimeout() { return Duration.ofSeconds(1); }
            public Duration idleTimeout() { return Duration.ofSeconds(1); }
            public int attempts() { return 3; }
            public int maxConnectionsPerNode() { return 1; }
            public int rememberedContents() { return 100; }
            public Breaker breaker() {
                return new Breaker() {
                    public int failures() { return 1; }
                    public Duration openFor() { return Duration.ofMinutes(1); }
                };
            }
        };
    }

    @Test
    void nodesThatAnsweredAContentAreAskedFirstUnlessTheirBreakerIsOpen() {
        NodePool pool = new NodePool(new SimpleMeterRegistry());
        for (int i = 1; i <= 3; i++) {
            pool.restore(new PoolNode("n" + i, "peer", URI.create("http://127.0.0.1:" + (9000 + i)), NodeState.ACTIVE, Instant.now()),
                    new RecordPosition("pinfold.nodes", 0, i));
        }
        UpstreamNodes nodes = new UpstreamNodes(pool, config(), new SimpleMeterRegistry());
        Set<String> firstWithout = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            firstWithout.add(nodes.candidates("other").get(0).id());
        }
        assertThat(firstWithout).as("no preference: the first choice rotates").hasSize(3);

        PoolNode n2 = pool.serving().get(1);
        nodes.answered("held", n2);
        for (int i = 0; i < 6; i++) {
            List<PoolNode> order = nodes.candidates("held");
            assertThat(order.get(0).id()).isEqualTo("n2");
            assertThat(order).hasSize(3).doesNotHaveDuplicates();
        }
        nodes.answered("held", pool.serving().get(0));
        Set<String> firstOfTwo = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            firstOfTwo.add(nodes.candidates("held").get(0).id());
        }
        assertThat(firstOfTwo).as("two holders: the load spreads over both, never first to the one that would fetch")
                .containsExactlyInAnyOrder("n1", "n2");
        nodes.failed(n2);
        assertThat(nodes.candidates("held")).extracting(PoolNode::id).as("an open breaker outranks the preference").doesNotContain("n2");
    }

    @Test
    void aPoolOfOneNodeTriesItTwiceAndAnEmptyPoolNone() {
        NodePool pool = new NodePool(new SimpleMeterRegistry());
        UpstreamNodes nodes = new UpstreamNodes(pool, config(), new SimpleMeterRegistry());
        assertThat(nodes.candidates("any")).isEmpty();
        pool.restore(new PoolNode("only", "peer", URI.create("http://127.0.0.1:9001"), NodeState.ACTIVE, Instant.now()),
                new RecordPosition("pinfold.nodes", 0, 1));
        assertThat(nodes.candidates("any")).extracting(PoolNode::id).containsExactly("only", "only");
        pool.restore(new PoolNode("second", "peer", URI.create("http://127.0.0.1:9002"), NodeState.ACTIVE, Instant.now()),
                new RecordPosition("pinfold.nodes", 0, 2));
        assertThat(nodes.candidates("any")).as("the serving list follows the pool's changes").extracting(PoolNode::id)
                .containsExactlyInAnyOrder("only", "second");
        pool.restore(new PoolNode("second", "peer", URI.create("http://127.0.0.1:9002"), NodeState.DRAINING, Instant.now()),
                new RecordPosition("pinfold.nodes", 0, 3));
        assertThat(nodes.candidates("any")).as("a draining node leaves the serving list at once").extracting(PoolNode::id)
                .containsExactly("only", "only");
    }
}
