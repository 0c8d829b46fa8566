package io.pinfold.edge.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.edge.pool.PoolNode;
import io.pinfold.events.node.NodeState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path folder;

    private static EdgeSnapshot snapshot(int entries) {
        Map<String, String> denylist = new java.util.HashMap<>();
        for (int i = 0; i < entries; i++) {
            denylist.put("key-" + i, "{\"rule\":\"/ipfs/x" + i + "\"}");
        }
        PoolNode node = new PoolNode("n-1", "12D3KooW", URI.create("http://127.0.0.1:8080"), NodeState.ACTIVE,
                Instant.parse("2026-01-02T03:04:05Z"));
        return new EdgeSnapshot(Instant.parse("2026-02-03T04:05:06.123Z"), "cluster-a", Map.of(0, 12L, 3, 40L), denylist,
                List.of(new EdgeSnapshot.Node(node, 2, 7)));
    }

    @Test
    void whatIsWrittenIsReadBackWhole() throws Exception {
        SnapshotFile file = new SnapshotFile(folder.resolve("sub/edge.snapshot"));
        assertThat(file.read()).as("no file yet").isEmpty();
        file.write(snapshot(3));
        assertThat(file.read()).contains(snapshot(3));
        file.write(snapshot(5));
        assertThat(file.read()).contains(snapshot(5));
        assertThat(Files.list(folder.resolve("sub"))).as("no temporary file left behind").hasSize(1);
    }

    @Test
    void aChangedByteIsRefused() throws Exception {
        SnapshotFile file = new SnapshotFile(folder.resolve("edge.snapshot"));
        file.write(snapshot(3));
        byte[] bytes = Files.readAllBytes(file.path());
        String text = new String(bytes, StandardCharsets.UTF_8).replace("key-1", "key-9");
        Files.writeString(file.path(), text);
        assertThatThrownBy(file::read).isInstanceOf(SnapshotFile.UnreadableSnapshotException.class).hasMessageContaining("checksum");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        SnapshotFile file = new SnapshotFile(folder.resolve("edge.snapshot"));
        file.write(snapshot(30));
        byte[] bytes = Files.readAllBytes(file.path());
        Files.write(file.path(), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(file::read).isInstanceOf(SnapshotFile.UnreadableSnapshotException.class).hasMessageContaining("bytes");
    }

    @Test
    void anotherVersionOrNoHeaderIsRefused() throws Exception {
        SnapshotFile file = new SnapshotFile(folder.resolve("edge.snapshot"));
        file.write(snapshot(1));
        String text = Files.readString(file.path());
        Files.writeString(file.path(), text.replaceFirst("PINFOLD-EDGE-SNAPSHOT 1 ", "PINFOLD-EDGE-SNAPSHOT 2 "));
        assertThatThrownBy(file::read).hasMessageContaining("version 2");
        Files.writeString(file.path(), "{}");
        assertThatThrownBy(file::read).isInstanceOf(SnapshotFile.UnreadableSnapshotException.class);
    }

    @Test
    void aLeftoverTemporaryFileDoesNotDisturbTheSnapshot() throws Exception {
        SnapshotFile file = new SnapshotFile(folder.resolve("edge.snapshot"));
        file.write(snapshot(2));
        // A crash mid-write leaves only the temporary file half written; the snapshot itself is untouched.
        Files.writeString(folder.resolve("edge.snapshot.tmp"), "PINFOLD-EDGE-SNAPSHOT 1 999 ab\n{\"half");
        assertThat(file.read()).contains(snapshot(2));
        file.write(snapshot(4));
        assertThat(file.read()).contains(snapshot(4));
    }
}
