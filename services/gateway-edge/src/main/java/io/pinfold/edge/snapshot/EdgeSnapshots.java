package io.pinfold.edge.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.edge.denylist.DenylistCheckpoints;
import io.pinfold.edge.denylist.DenylistEntries;
import io.pinfold.edge.pool.NodePool;
import io.pinfold.edge.pool.PoolNode;
import io.pinfold.edge.readiness.NodesReadProgress;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.runtime.consume.RecordPosition;
import io.pinfold.runtime.metrics.OwnedGauges;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the edge's denylist and pool in a local file ({@link SnapshotFile}) and puts them back at start, so an edge
 * restarted while Kafka is down still serves and blocks with the last list it knew.
 *
 * <p>Loaded once, before the topics are read: the denylist reader then resumes from the snapshot's offsets (refused
 * when they belong to another cluster or do not fit the topic: the snapshot's entries and nodes are dropped and the
 * topics read whole). Written from the reader's thread after an applied batch, so entries and offsets agree; only
 * once both topics were read to the end of what they held at start (never a half-read state), only when something
 * changed, and at most once per {@code interval}; the file is written on a thread of its own.
 */
@ApplicationScoped
public class EdgeSnapshots implements DenylistCheckpoints {
    private static final Logger LOG = Logger.getLogger(EdgeSnapshots.class);
    private static final EventCodec CODEC = new EventCodec();

    private final SnapshotConfig config;
    private final SnapshotFile file;
    private final DenylistEntries entries;
    private final NodePool pool;
    private final NodesReadProgress nodes;
    private final Counter written;
    private final Counter failed;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pinfold-edge-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private boolean loadedOnce;
    private volatile EdgeSnapshot loaded;
    private volatile String refused;
    private volatile Instant lastWrittenAt;
    private long lastDenylistChanges = -1;
    private long lastPoolChanges = -1;
    private Map<Integer, Long> lastOffsets = Map.of();
    private long lastWriteNanos;
    private final OwnedGauges gauges;

    public EdgeSnapshots(SnapshotConfig config, DenylistEntries entries, NodePool pool, NodesReadProgress nodes, MeterRegistry registry) {
        this.config = config;
        this.file = new SnapshotFile(Path.of(config.path()));
        this.entries = entries;
        this.pool = pool;
        this.nodes = nodes;
        this.written = Counter.builder("pinfold.edge.snapshot.writes").tag("outcome", "written")
                .description("local snapshots of the edge's state written").register(registry);
        this.failed = Counter.builder("pinfold.edge.snapshot.writes").tag("outcome", "failed")
                .description("local snapshots of the edge's state written").register(registry);
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.snapshot.age", "seconds since the newest snapshot this edge wrote or started from was written",
                "seconds", Tags.empty(), this, snapshots -> snapshots.age().map(age -> age.toMillis() / 1000.0).orElse(Double.NaN));
    }

    @PreDestroy
    void closeGauges() {
        gauges.close();
    }

    /** Before the topic readers start (they observe StartupEvent at the default priority). */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        load();
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the file once and puts its entries and nodes into the edge's state; a refused file is logged and ignored. */
    public synchronized void load() {
        if (loadedOnce || !config.enabled()) {
            return;
        }
        loadedOnce = true;
        Optional<EdgeSnapshot> read;
        try {
            read = file.read();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("not starting from the local snapshot %s: %s", file.path().toAbsolutePath(), e.getMessage());
            return;
        }
        if (read.isEmpty()) {
            LOG.infof("no local snapshot at %s yet", file.path().toAbsolutePath());
            return;
        }
        EdgeSnapshot snapshot = read.get();
        int skipped = 0;
        for (Map.Entry<String, String> entry : snapshot.denylist().entrySet()) {
            try {
                entries.put(entry.getKey(), CODEC.decode(DenylistEntryAdded.class, entry.getValue()));
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        for (EdgeSnapshot.Node node : snapshot.nodes()) {
            pool.restore(node.node(), new RecordPosition(Topic.NODES.topicName(), node.partition(), node.offset()));
        }
        loaded = snapshot;
        LOG.infof("started from the local snapshot %s written at %s: %d denylist entries%s, %d nodes, pinfold.denylist offsets %s",
                file.path().toAbsolutePath(), snapshot.writtenAt(), snapshot.denylist().size() - skipped,
                skipped == 0 ? "" : " (" + skipped + " unreadable, skipped)", snapshot.nodes().size(), snapshot.denylistOffsets());
    }

    /** The snapshot the edge started from, while it still counts (not refused). */
    public Optional<EdgeSnapshot> loaded() {
        return refused == null ? Optional.ofNullable(loaded) : Optional.empty();
    }

    /** Why the loaded snapshot was dropped, or null. */
    public String refused() {
        return refused;
    }

    public Path path() {
        return file.path();
    }

    /** Time since the newest snapshot written or started from was written. */
    public Optional<Duration> age() {
        Instant newest = lastWrittenAt;
        EdgeSnapshot start = loaded;
        if (newest == null && start != null && refused == null) {
            newest = start.writtenAt();
        }
        return Optional.ofNullable(newest).map(at -> Duration.between(at, Instant.now()));
    }

    public Optional<Instant> lastWrittenAt() {
        return Optional.ofNullable(lastWrittenAt);
    }

    @Override
    public Map<Integer, Long> resumeFrom() {
        load();
        return loaded().map(EdgeSnapshot::denylistOffsets).orElse(Map.of());
    }

    @Override
    public String resumeClusterId() {
        return loaded().map(EdgeSnapshot::clusterId).orElse(null);
    }

    @Override
    public void resumeRefused(String why) {
        refused = why;
        entries.clear();
        pool.forgetRestored();
    }

    @Override
    public void applied(String clusterId, Map<Integer, Long> positions, boolean caughtUp) {
        if (!config.enabled() || !caughtUp || !nodes.progress().caughtUp()) {
            return;
        }
        long now = System.nanoTime();
        if (lastWriteNanos != 0 && now - lastWriteNanos < config.interval().toNanos()) {
            return;
        }
        long denylistChanges = entries.changes();
        long poolChanges = pool.changes();
        if (denylistChanges == lastDenylistChanges && poolChanges == lastPoolChanges && positions.equals(lastOffsets)) {
            return;
        }
        EdgeSnapshot snapshot = capture(clusterId, positions);
        lastDenylistChanges = denylistChanges;
        lastPoolChanges = poolChanges;
        lastOffsets = Map.copyOf(positions);
        lastWriteNanos = now;
        writer.execute(() -> write(snapshot));
    }

    private EdgeSnapshot capture(String clusterId, Map<Integer, Long> positions) {
        Map<String, String> denylist = new HashMap<>();
        entries.events().forEach((key, event) -> denylist.put(key, CODEC.encodeToString(event)));
        List<EdgeSnapshot.Node> known = new ArrayList<>();
        for (Map.Entry<PoolNode, RecordPosition> node : pool.withPositions()) {
            known.add(new EdgeSnapshot.Node(node.getKey(), node.getValue().partition(), node.getValue().offset()));
        }
        return new EdgeSnapshot(Instant.now(), clusterId, positions, denylist, known);
    }

    private void write(EdgeSnapshot snapshot) {
        try {
            file.write(snapshot);
            lastWrittenAt = snapshot.writtenAt();
            written.increment();
            LOG.debugf("wrote the local snapshot %s: %d entries, %d nodes, offsets %s", file.path(), snapshot.denylist().size(),
                    snapshot.nodes().size(), snapshot.denylistOffsets());
        } catch (IOException | RuntimeException e) {
            failed.increment();
            LOG.warnf("could not write the local snapshot %s: %s", file.path().toAbsolutePath(), e.toString());
        }
    }
}
