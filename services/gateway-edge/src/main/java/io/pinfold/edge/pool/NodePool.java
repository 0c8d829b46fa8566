package io.pinfold.edge.pool;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.runtime.consume.RecordPosition;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kubo gateways this edge proxies to, rebuilt from the compacted pinfold.nodes topic at start and kept
 * current by its events. In memory only: the edge never calls another service.
 */
@ApplicationScoped
public class NodePool {
    private final Map<String, PoolNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, RecordPosition> positions = new ConcurrentHashMap<>();
    /** Nodes known only from the local snapshot so far (no record of them read from the topic since the start). */
    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final AtomicLong changes = new AtomicLong();
    /** The serving nodes as of a change count; every request reads it, so it is rebuilt only after a change. */
    private volatile Serving serving = new Serving(-1, List.of());

    private record Serving(long atChange, List<PoolNode> nodes) {
    }
    private final OwnedGauges gauges;

    public NodePool(MeterRegistry registry) {
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.pool.nodes", "Kubo nodes known to the edge", Tags.empty(), nodes, Map::size);
        gauges.register("pinfold.edge.pool.serving", "Kubo nodes the edge proxies to (state active)", Tags.empty(),
                this, pool -> pool.serving().size());
    }

    @PreDestroy
    void close() {
        gauges.close();
    }

    void apply(NodeRegistered event, Instant at, RecordPosition position) {
        put(new PoolNode(event.nodeId(), event.peerId(), URI.create(event.gatewayUrl()), event.state(), at), position);
    }

    void apply(NodeStateChanged event, Instant at, RecordPosition position) {
        put(new PoolNode(event.nodeId(), event.peerId(), URI.create(event.gatewayUrl()), event.state(), at), position);
    }

    /** A tombstone on pinfold.nodes: the node left the registry (its position stays, so an older record cannot revive it). */
    void remove(String nodeId, RecordPosition position) {
        positions.compute(nodeId, (id, last) -> {
            if (!isNewer(position, last)) {
                return last;
            }
            nodes.remove(id);
            restored.remove(id);
            changes.incrementAndGet();
            return position;
        });
    }

    /** Topic order decides, never the event's clock: only a record after the node's last applied one counts. */
    private void put(PoolNode node, RecordPosition position) {
        positions.compute(node.id(), (id, last) -> {
            if (!isNewer(position, last)) {
                return last;
            }
            nodes.put(id, node);
            restored.remove(id);
            changes.incrementAndGet();
            return position;
        });
    }

    /** A node as the local snapshot recorded it, unless a newer record of it was applied already. */
    public void restore(PoolNode node, RecordPosition position) {
        positions.compute(node.id(), (id, last) -> {
            if (last != null && !isNewer(position, last)) {
                return last;
            }
            nodes.put(id, node);
            restored.add(id);
            changes.incrementAndGet();
            return position;
        });
    }

    /** Forgets the nodes that came from the snapshot alone (it turned out to belong to another Kafka cluster). */
    public void forgetRestored() {
        for (String id : List.copyOf(restored)) {
            positions.computeIfPresent(id, (key, position) -> {
                if (restored.remove(key)) {
                    nodes.remove(key);
                    changes.incrementAndGet();
                    return null;
                }
                return position;
            });
        }
    }

    /** Every node with the position of its last applied record, for the local snapshot. */
    public List<Map.Entry<PoolNode, RecordPosition>> withPositions() {
        List<Map.Entry<PoolNode, RecordPosition>> all = new ArrayList<>();
        positions.forEach((id, position) -> {
            PoolNode node = nodes.get(id);
            if (node != null) {
                all.add(Map.entry(node, position));
            }
        });
        return all;
    }

    /** Grows with every change of the pool. */
    public long changes() {
        return changes.get();
    }

    private static boolean isNewer(RecordPosition position, RecordPosition last) {
        // another partition means the topic was repartitioned: the record read now is the newest known
        return last == null || last.partition() != position.partition() || position.offset() > last.offset();
    }

    public List<PoolNode> all() {
        return nodes.values().stream().sorted(Comparator.comparing(PoolNode::id)).toList();
    }

    public List<PoolNode> serving() {
        long now = changes.get();
        Serving known = serving;
        if (known.atChange() == now) {
            return known.nodes();
        }
        // Read the count before the map: a change during the rebuild leaves a newer count, so the next call rebuilds.
        List<PoolNode> rebuilt = nodes.values().stream().filter(PoolNode::serves).sorted(Comparator.comparing(PoolNode::id)).toList();
        serving = new Serving(now, rebuilt);
        return rebuilt;
    }
}
