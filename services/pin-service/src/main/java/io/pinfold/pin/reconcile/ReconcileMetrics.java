package io.pinfold.pin.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciler's metrics (names in README): outcomes of work per node, pins by node and status, reconcile lag,
 * pins on a node that pin-service does not own, leases held. Kubo call latency and errors are in {@link KuboNodePinning}.
 */
@ApplicationScoped
public class ReconcileMetrics {
    private final MeterRegistry registry;
    private final OwnedGauges gauges;
    private final Map<String, AtomicLong> pinGauges = new ConcurrentHashMap<>();

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gauges = new OwnedGauges(registry);
    }

    @PreDestroy
    void close() {
        gauges.close();
    }

    /** pinfold.reconcile.outcomes{node, outcome}: pinned, retry, failed, blocked, unpinned, kept (rm skipped: still wanted), restored. */
    public void outcome(String node, String outcome) {
        Counter.builder("pinfold.reconcile.outcomes").description("Results of the reconciler's work on a node")
                .tag("node", node).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * pinfold.reconcile.write.batch: attempt starts and ends written per transaction (the group commit of
     * {@link AttemptWrites}); a mean near 1 means the writes never waited for each other.
     */
    public void writeBatch(int size) {
        io.micrometer.core.instrument.DistributionSummary.builder("pinfold.reconcile.write.batch")
                .description("Pin attempt starts and ends written together in one transaction")
                .register(registry).record(size);
    }

    /** pinfold.reconcile.pins{node, status}: node_pin rows (every copy reports the whole table). */
    public void pins(String node, String status, long count) {
        AtomicLong value = gauge("pinfold.reconcile.pins", "Per-node pins by status", Tags.of("node", node, "status", status));
        pinGauges.putIfAbsent(node + "/" + status, value);
        value.set(count);
    }

    /** Sets every pins gauge to 0 before a refresh sets the counts that exist. */
    public void clearPins() {
        pinGauges.values().forEach(value -> value.set(0));
    }

    /** pinfold.reconcile.lag.seconds{node}: how long the oldest due row of the node has been waiting (0: nothing due). */
    public void lag(String node, long seconds) {
        gauge("pinfold.reconcile.lag.seconds", "Age of the oldest due reconcile work per node", Tags.of("node", node)).set(seconds);
    }

    /** pinfold.reconcile.unowned.pins{node}: recursive pins on the node that no pin of pin-service owns (last drift check). */
    public void unowned(String node, long count) {
        gauge("pinfold.reconcile.unowned.pins", "Pins on the node not owned by pin-service (left alone)", Tags.of("node", node)).set(count);
    }

    /** pinfold.reconcile.leases{owner}: nodes this copy reconciles now. */
    public void leases(String owner, int count) {
        gauge("pinfold.reconcile.leases", "Nodes this copy holds the reconcile lease of", Tags.of("owner", owner)).set(count);
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.value(name, description, tags);
    }
}
