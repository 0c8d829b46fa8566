package io.pinfold.edge.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinfold.denylist.ContentRequest;
import io.pinfold.edge.denylist.DenylistEntries;
import io.pinfold.edge.pool.NodePool;
import io.pinfold.edge.pool.PoolNode;
import io.pinfold.edge.readiness.NodesReadProgress;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.node.NodeState;
import io.pinfold.runtime.consume.RecordPosition;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot's rules on real state objects: when it is written, what a fresh edge gets back, what a refusal drops. */
class EdgeSnapshotsTest {
    private static final String CID = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

    @TempDir
    Path folder;

    private SnapshotConfig config(Duration interval) {
        Path file = folder.resolve("edge.snapshot");
        return new SnapshotConfig() {
            public boolean enabled() { return true; }
            public String path() { return file.toString(); }
            public Duration interval() { return interval; }
            public Duration fallbackAfter() { return Duration.ofSeconds(1); }
        };
    }

    private record Edge(DenylistEntries entries, NodePool pool, NodesReadProgress nodes, EdgeSnapshots snapshots) {
    }

    private Edge edge(Duration interval) {
        DenylistEntries entries = new DenylistEntries();
        NodePool pool = new NodePool(new SimpleMeterRegistry());
        NodesReadProgress nodes = new NodesReadProgress();
        return new Edge(entries, pool, nodes, new EdgeSnapshots(config(interval), entries, pool, nodes, new SimpleMeterRegistry()));
    }

    @Test
    void writtenOnlyOnceTheTopicsAreReadAndReadBackWhole() throws Exception {
        Edge first = edge(Duration.ofMillis(100));
        first.snapshots().load();
        first.entries().put("k", DenylistEntryAdded.of("/ipfs/" + CID, 451, "court-order", null, "N-1"));
        first.pool().restore(new PoolNode("n1", "peer", URI.create("http://127.0.0.1:1"), NodeState.ACTIVE, Instant.now()),
                new RecordPosition("pinfold.nodes", 2, 9));

        first.snapshots().applied("cluster", Map.of(0, 5L), false);
        first.snapshots().applied("cluster", Map.of(0, 5L), true);
        Thread.sleep(300);
        assertThat(Files.exists(folder.resolve("edge.snapshot"))).as("nothing written before both topics were read to the end").isFalse();

        first.nodes().progress().assigned(Map.of(), Map.of());
        first.snapshots().applied("cluster", Map.of(0, 5L), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.snapshots().lastWrittenAt().isPresent());

        Edge second = edge(Duration.ofMillis(100));
        second.snapshots().load();
        assertThat(second.snapshots().resumeFrom()).isEqualTo(Map.of(0, 5L));
        assertThat(second.snapshots().resumeClusterId()).isEqualTo("cluster");
        assertThat(second.entries().match(ContentRequest.ipfs(CID, ""))).hasValueSatisfying(rule -> assertThat(rule.status()).isEqualTo(451));
        assertThat(second.pool().serving()).extracting(PoolNode::id).containsExactly("n1");

        second.snapshots().resumeRefused("another cluster");
        assertThat(second.entries().match(ContentRequest.ipfs(CID, ""))).as("a refused snapshot blocks nothing").isEmpty();
        assertThat(second.pool().all()).isEmpty();
        assertThat(second.snapshots().loaded()).isEmpty();
    }

    @Test
    void atMostOneWritePerIntervalAndNoneWithoutAChange() throws Exception {
        Edge edge = edge(Duration.ofSeconds(3));
        edge.snapshots().load();
        edge.nodes().progress().assigned(Map.of(), Map.of());
        long firstCall = System.nanoTime();
        edge.snapshots().applied("c", Map.of(0, 1L), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.snapshots().lastWrittenAt().isPresent());
        Instant firstWrite = edge.snapshots().lastWrittenAt().orElseThrow();
        edge.entries().put("k", DenylistEntryAdded.of("/ipfs/" + CID, 410, null, null, "N-2"));
        edge.snapshots().applied("c", Map.of(0, 2L), true);
        boolean withinInterval = System.nanoTime() - firstCall < Duration.ofSeconds(3).toNanos();
        Thread.sleep(300);
        if (withinInterval) {
            assertThat(edge.snapshots().lastWrittenAt()).as("a change within the interval waits").contains(firstWrite);
        }
        Thread.sleep(Math.max(0, Duration.ofSeconds(3).toMillis() - (System.nanoTime() - firstCall) / 1_000_000 + 100));
        edge.snapshots().applied("c", Map.of(0, 2L), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.snapshots().lastWrittenAt().orElseThrow().isAfter(firstWrite));
        Instant secondWrite = edge.snapshots().lastWrittenAt().orElseThrow();
        Thread.sleep(3100);
        edge.snapshots().applied("c", Map.of(0, 2L), true);
        Thread.sleep(300);
        assertThat(edge.snapshots().lastWrittenAt()).as("nothing changed, nothing written").contains(secondWrite);
    }
}
