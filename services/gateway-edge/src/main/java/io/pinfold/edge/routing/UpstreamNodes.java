package io.pinfold.edge.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.edge.pool.NodePool;
import io.pinfold.edge.pool.PoolNode;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which nodes a request may go to, in the order to try them: active nodes of the pool only (draining and down ones
 * never), starting at a rotating position so load spreads, and without nodes whose breaker is open; nodes that
 * lately answered the same root CID go first (they hold the content, the others would fetch it). When every active
 * node's breaker is open they are all tried anyway: a request that might succeed beats a certain 502.
 */
@ApplicationScoped
public class UpstreamNodes {
    private final NodePool pool;
    private final UpstreamConfig config;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final OwnedGauges gauges;
    private final ContentAffinity affinity;

    public UpstreamNodes(NodePool pool, UpstreamConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.gauges = new OwnedGauges(registry);
        this.affinity = new ContentAffinity(config.rememberedContents());
    }

    /** The nodes to try, at most {@code attempts} of them, first choice first. */
    public List<PoolNode> candidates() {
        return candidates(null);
    }

    /**
     * The nodes to try for {@code content} (a root multihash, or null): the nodes that answered it lately first, when
     * they may take traffic, then the others; each group from the rotating position.
     */
    public List<PoolNode> candidates(String content) {
        List<PoolNode> serving = pool.serving();
        if (serving.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), serving.size());
        long now = System.nanoTime();
        List<PoolNode> allowed = new ArrayList<>(serving.size());
        List<PoolNode> rotated = new ArrayList<>(serving.size());
        for (int i = 0; i < serving.size(); i++) {
            PoolNode node = serving.get((start + i) % serving.size());
            rotated.add(node);
            if (breaker(node).tryAcquire(now)) {
                allowed.add(node);
            }
        }
        List<PoolNode> order = allowed.isEmpty() ? rotated : allowed;
        Set<String> holders = affinity.holders(content);
        if (!holders.isEmpty()) {
            // Holders first, each group in rotation order: load still spreads over every node that holds the content.
            List<PoolNode> preferred = new ArrayList<>(order.size());
            order.stream().filter(node -> holders.contains(node.id())).forEach(preferred::add);
            order.stream().filter(node -> !holders.contains(node.id())).forEach(preferred::add);
            order = preferred;
        }
        if (order.size() == 1 && config.attempts() > 1) {
            // One node: a failure before the first byte (a pooled connection the node closed as it was reused) is
            // tried once more on it rather than answered 502.
            return List.of(order.get(0), order.get(0));
        }
        return order.subList(0, Math.min(order.size(), Math.max(1, config.attempts())));
    }

    /** {@code node} answered 2xx for {@code content}: it holds it now. */
    public void answered(String content, PoolNode node) {
        affinity.answered(content, node.id());
    }

    public void succeeded(PoolNode node) {
        breaker(node).success();
    }

    public void failed(PoolNode node) {
        breaker(node).failure(System.nanoTime());
    }

    public CircuitBreaker.State state(PoolNode node) {
        return breaker(node).state(System.nanoTime());
    }

    private CircuitBreaker breaker(PoolNode node) {
        return breakers.computeIfAbsent(node.id(), id -> {
            CircuitBreaker breaker = new CircuitBreaker(config.breaker().failures(), config.breaker().openFor().toNanos());
            gauges.register("pinfold.edge.upstream.breaker.open", "1 while the node's circuit breaker keeps traffic off it",
                    Tags.of("node", id), breaker, b -> b.state(System.nanoTime()) == CircuitBreaker.State.CLOSED ? 0 : 1);
            return breaker;
        });
    }

    @PreDestroy
    void close() {
        gauges.close();
    }
}
