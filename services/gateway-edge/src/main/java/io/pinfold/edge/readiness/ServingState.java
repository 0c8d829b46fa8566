package io.pinfold.edge.readiness;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pinfold.edge.denylist.DenylistTopicReader;
import io.pinfold.edge.snapshot.EdgeSnapshot;
import io.pinfold.edge.snapshot.EdgeSnapshots;
import io.pinfold.edge.snapshot.SnapshotConfig;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the edge may serve, and from what: {@code LIVE} once pinfold.nodes and pinfold.denylist were applied up to
 * where they ended at its start (and from then on, Kafka or not: the state is in memory and followed live);
 * {@code SNAPSHOT} when they could not be read within {@code pinfold.edge.snapshot.fallback-after} but a local
 * snapshot was loaded (the last list this edge knew; the topics are read on, from its offsets, until LIVE);
 * {@code STARTING} otherwise: nothing is served, never content that might be blocked.
 */
@ApplicationScoped
public class ServingState {
    public enum Mode { LIVE, SNAPSHOT, STARTING }

    private final List<ReadToEnd> readers;
    private final EdgeSnapshots snapshots;
    private final Duration fallbackAfter;
    private final long startedNanos = System.nanoTime();
    private final OwnedGauges gauges;

    public ServingState(NodesReadProgress nodes, DenylistTopicReader denylist, EdgeSnapshots snapshots, SnapshotConfig config,
                        MeterRegistry registry) {
        this.readers = List.of(nodes.progress(), denylist.progress());
        this.snapshots = snapshots;
        this.fallbackAfter = config.fallbackAfter();
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.edge.serving.from.snapshot",
                "1 while the edge serves from its local snapshot because the topics could not be read", Tags.empty(),
                this, state -> state.mode() == Mode.SNAPSHOT ? 1 : 0);
    }

    @PreDestroy
    void close() {
        gauges.close();
    }

    public Mode mode() {
        if (readers.stream().allMatch(ReadToEnd::caughtUp)) {
            return Mode.LIVE;
        }
        if (snapshots.loaded().isPresent() && System.nanoTime() - startedNanos >= fallbackAfter.toNanos()) {
            return Mode.SNAPSHOT;
        }
        return Mode.STARTING;
    }

    public List<ReadToEnd> readers() {
        return readers;
    }

    /** One line for readiness and 503 answers: the mode and why. */
    public String describe() {
        return switch (mode()) {
            case LIVE -> "live: pinfold.nodes and pinfold.denylist read to their end as of the start, followed since";
            case SNAPSHOT -> {
                EdgeSnapshot loaded = snapshots.loaded().orElseThrow();
                yield "snapshot: the topics could not be read within " + fallbackAfter.toSeconds() + " s; serving the state of "
                        + snapshots.path() + " written at " + loaded.writtenAt() + " (" + age(snapshots.age()) + " old), "
                        + loaded.denylist().size() + " denylist entries, " + loaded.nodes().size() + " nodes";
            }
            case STARTING -> "starting: reading the topics; "
                    + (snapshots.loaded().isPresent() ? "a local snapshot takes over after " + fallbackAfter.toSeconds() + " s"
                    : snapshots.refused() != null ? "the local snapshot was refused (" + snapshots.refused() + ")"
                    : "no local snapshot to fall back on, so nothing is served until they are read");
        };
    }

    private static String age(Optional<Duration> age) {
        return age.map(value -> value.toSeconds() + " s").orElse("unknown");
    }
}
