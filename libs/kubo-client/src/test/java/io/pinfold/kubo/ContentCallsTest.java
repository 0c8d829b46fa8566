package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.content.AddOptions;
import io.pinfold.kubo.content.AddResult;
import io.pinfold.kubo.content.AddedEntry;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.pin.PinLsOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** add (every option, in memory and streamed), cat, refs and refs local against a real Kubo. */
class ContentCallsTest {

    private static final int CHUNK = 256 * 1024; // Kubo's default chunker: size-262144

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void addsAndCatsBackTheSameBytes() {
        byte[] content = LiveKubo.uniqueBytes(1000);

        AddResult added = kubo.content().add(content, AddOptions.defaults()).await().atMost(WAIT);

        assertThat(added.entries()).hasSize(1);
        assertThat(added.root().size()).isGreaterThanOrEqualTo(1000);
        assertThat(kubo.content().cat(added.cid()).await().atMost(WAIT)).isEqualTo(content);
        assertThat(kubo.content().cat("/ipfs/" + added.cid()).await().atMost(WAIT)).isEqualTo(content);
    }

    @Test
    void cidVersionAndRawLeavesShapeTheCid() {
        byte[] content = LiveKubo.uniqueBytes(100);

        String v0 = kubo.content().add(content, AddOptions.defaults().withCidVersion(0)).await().atMost(WAIT).cid();
        String v1Raw = kubo.content().add(content, AddOptions.defaults().withCidVersion(1).withRawLeaves(true))
                .await().atMost(WAIT).cid();
        String v1DagPb = kubo.content().add(content, AddOptions.defaults().withCidVersion(1).withRawLeaves(false))
                .await().atMost(WAIT).cid();

        assertThat(v0).startsWith("Qm");
        assertThat(v1Raw).startsWith("bafkrei"); // one raw block
        assertThat(v1DagPb).startsWith("bafybei"); // a dag-pb node
        assertThat(kubo.block().stat(v1Raw).await().atMost(WAIT).size()).isEqualTo(100);
    }

    @Test
    void onlyHashComputesTheCidWithoutStoringAnything() {
        byte[] content = LiveKubo.uniqueBytes(500);
        AddOptions options = AddOptions.defaults().withCidVersion(1).withRawLeaves(true);

        String hashed = kubo.content().add(content, options.withOnlyHash(true)).await().atMost(WAIT).cid();

        assertThat(localRefs()).doesNotContain(hashed);
        String stored = kubo.content().add(content, options).await().atMost(WAIT).cid();
        assertThat(stored).isEqualTo(hashed);
        assertThat(localRefs()).contains(stored);
    }

    @Test
    void pinFalseStoresWithoutPinning() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(300), false);

        assertThatThrownBy(() -> kubo.pin().ls(PinLsOptions.all().withCids(List.of(cid))).collect().asList()
                .await().atMost(WAIT))
                .isInstanceOf(KuboNotPinnedException.class)
                .hasMessageContaining("kubo pin/ls:")
                .hasMessageContaining("is not pinned");
        assertThat(localRefs()).contains(cid);
    }

    @Test
    void wrapWithDirectoryAddsTheFileUnderADirectoryRoot() {
        byte[] content = LiveKubo.uniqueBytes(200);

        AddResult added = kubo.content().add(content, AddOptions.defaults().withCidVersion(1).withWrapWithDirectory(true))
                .await().atMost(WAIT);

        assertThat(added.entries()).hasSize(2);
        AddedEntry file = added.entries().get(0);
        assertThat(file.name()).isEqualTo("content");
        assertThat(added.root().name()).isEmpty();
        assertThat(added.cid()).isNotEqualTo(file.cid());
        assertThat(kubo.content().cat(added.cid() + "/content").await().atMost(WAIT)).isEqualTo(content);
    }

    @Test
    void addsAStreamedFileChunkByChunk() {
        byte[] content = LiveKubo.uniqueBytes(3 * CHUNK + 1234);
        int piece = content.length / 13 + 1;
        Multi<byte[]> chunks = Multi.createFrom().range(0, 13).map(i -> Arrays.copyOfRange(
                content, Math.min(content.length, i * piece), Math.min(content.length, (i + 1) * piece)));

        AddResult added = kubo.content().add(chunks, AddOptions.defaults().withCidVersion(1)).await().atMost(WAIT);

        assertThat(kubo.content().cat(added.cid()).await().atMost(WAIT)).isEqualTo(content);
        assertThat(kubo.dag().stat(added.cid()).await().atMost(WAIT).uniqueBlocks()).isEqualTo(5); // 4 leaves + root
    }

    @Test
    void aFailingUploadFailsTheAddNamingTheCall() {
        Multi<byte[]> broken = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(new byte[100]),
                Multi.createFrom().failure(new IllegalStateException("disk read error")));

        assertThatThrownBy(() -> kubo.content().add(broken, AddOptions.defaults()).await().atMost(WAIT))
                .hasMessageContaining("kubo add: the content to upload failed: disk read error");
    }

    @Test
    void catStreamDeliversALargeFileInPieces() {
        byte[] content = LiveKubo.uniqueBytes(2 * CHUNK + 77);
        String cid = LiveKubo.addOnFirst(content, true);

        List<byte[]> pieces = kubo.content().catStream(cid).collect().asList().await().atMost(WAIT);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(content);
        assertThat(pieces).hasSizeGreaterThan(1);
    }

    @Test
    void catStreamPausesForASlowReaderAndDeliversEverything() {
        byte[] content = LiveKubo.uniqueBytes(24 * CHUNK); // thousands of network chunks, far over the pause backlog
        String cid = LiveKubo.addOnFirst(content, true);

        List<byte[]> pieces = kubo.content().catStream(cid)
                .onItem().call(piece -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1)))
                .collect().asList().await().atMost(WAIT);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        assertThat(pieces.size()).isGreaterThan(300);
        assertThat(joined.toByteArray()).isEqualTo(content);
    }

    @Test
    void catOfABadCidIsAnInvalidRequest() {
        assertThatThrownBy(() -> kubo.content().cat("not-a-cid").await().atMost(WAIT))
                .isInstanceOf(KuboInvalidRequestException.class)
                .hasMessage("kubo cat: invalid path \"not-a-cid\": path does not have enough components");
    }

    @Test
    void refsListsTheBlocksOfADag() {
        byte[] content = LiveKubo.uniqueBytes(4 * CHUNK);
        String root = LiveKubo.addOnFirst(content, true);

        List<Ref> direct = kubo.content().refs(root, RefsOptions.direct()).collect().asList().await().atMost(WAIT);
        List<Ref> all = kubo.content().refs(root, RefsOptions.allUnique()).collect().asList().await().atMost(WAIT);
        List<Ref> depthZero = kubo.content().refs(root, RefsOptions.allUnique().withMaxDepth(0))
                .collect().asList().await().atMost(WAIT);

        assertThat(direct).hasSize(4).allMatch(Ref::ok);
        assertThat(all).extracting(Ref::cid).containsExactlyInAnyOrderElementsOf(direct.stream().map(Ref::cid).toList());
        assertThat(all).allSatisfy(ref -> assertThat(ref.cid()).startsWith("bafkrei"));
        assertThat(depthZero).isEmpty();
    }

    @Test
    void refsLocalStreamsEveryBlockOfTheRepo() {
        String first = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(10), true);
        String second = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(10), false);

        assertThat(localRefs()).contains(first, second);
    }

    private List<String> localRefs() {
        return kubo.content().refsLocal().map(Ref::cid).collect().asList().await().atMost(WAIT);
    }
}
