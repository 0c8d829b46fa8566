package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.block.BlockRemoval;
import io.pinfold.kubo.block.BlockStat;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.dag.DagStat;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** block stat, block rm (several, with per-block errors) and dag stat against a real Kubo. */
class BlockAndDagCallsTest {

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void blockStatGivesTheBlockSize() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(777), false);

        BlockStat stat = kubo.block().stat(cid).await().atMost(WAIT);

        assertThat(stat).isEqualTo(new BlockStat(cid, 777));
    }

    @Test
    void blockStatOfABadCidIsAnInvalidRequest() {
        assertThatThrownBy(() -> kubo.block().stat("QmTooShort").await().atMost(WAIT))
                .isInstanceOf(KuboInvalidRequestException.class)
                .hasMessageStartingWith("kubo block/stat: invalid path \"QmTooShort\"");
    }

    @Test
    void blockRmReportsEachBlockRemovedOrWhyNot() {
        String unpinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(40), false);
        String alsoUnpinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(40), false);
        String pinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(40), true);
        String absent = LiveKubo.unavailableCid();

        List<BlockRemoval> results = kubo.block().rm(List.of(unpinned, pinned, absent, alsoUnpinned), false)
                .collect().asList().await().atMost(WAIT);

        assertThat(results).extracting(BlockRemoval::cid).containsExactly(unpinned, pinned, absent, alsoUnpinned);
        assertThat(results.get(0).removed()).isTrue();
        assertThat(results.get(1).error()).contains("pinned: recursive");
        assertThat(results.get(2).error()).hasValueSatisfying(error -> assertThat(error).contains("could not find"));
        assertThat(results.get(3).removed()).isTrue();
        assertThat(localRefs()).doesNotContain(unpinned, alsoUnpinned).contains(pinned);
    }

    @Test
    void blockRmWithForceIgnoresAbsentBlocks() {
        String absent = LiveKubo.unavailableCid();

        List<BlockRemoval> results = kubo.block().rm(List.of(absent), true).collect().asList().await().atMost(WAIT);

        assertThat(results).noneMatch(result -> result.error().isPresent());
    }

    @Test
    void blockRmOfNothingSendsNothing() {
        assertThat(kubo.block().rm(List.of(), false).collect().asList().await().atMost(WAIT)).isEmpty();
    }

    @Test
    void dagStatWithProgressStreamsTheTotalsPerBlockWalkedAndEndsWithTheSummary() {
        byte[] content = LiveKubo.uniqueBytes(3 * 256 * 1024);
        String root = LiveKubo.addOnFirst(content, false);

        List<DagStat> steps = kubo.dag().statWithProgress(root).collect().asList().await().atMost(WAIT);

        assertThat(steps).hasSize(5); // root, 3 leaves, then the summary
        assertThat(steps.get(0).roots()).singleElement().satisfies(r -> assertThat(r.blocks()).isEqualTo(1));
        assertThat(steps.get(3).roots()).singleElement().satisfies(r -> assertThat(r.blocks()).isEqualTo(4));
        assertThat(steps).extracting(DagStat::totalSize).isSorted();
        assertThat(steps.get(4).uniqueBlocks()).isEqualTo(4);
        assertThat(steps.get(4).totalSize()).isGreaterThan(content.length);
    }

    @Test
    void dagStatCountsBlocksAndBytesPerRootAndOverall() {
        byte[] content = LiveKubo.uniqueBytes(3 * 256 * 1024);
        String root = LiveKubo.addOnFirst(content, true);
        String single = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(1000), true);

        DagStat one = kubo.dag().stat(root).await().atMost(WAIT);
        DagStat both = kubo.dag().stat(List.of(root, single)).await().atMost(WAIT);

        assertThat(one.uniqueBlocks()).isEqualTo(4); // root + 3 raw leaves
        assertThat(one.totalSize()).isGreaterThan(content.length);
        assertThat(one.roots()).singleElement().satisfies(r -> {
            assertThat(r.cid()).isEqualTo(root);
            assertThat(r.blocks()).isEqualTo(4);
            assertThat(r.size()).isEqualTo(one.totalSize());
        });
        assertThat(both.uniqueBlocks()).isEqualTo(5);
        assertThat(both.totalSize()).isEqualTo(one.totalSize() + 1000);
        assertThat(both.roots()).extracting(DagStat.Root::cid).containsExactly(root, single);
    }

    private List<String> localRefs() {
        return kubo.content().refsLocal().map(Ref::cid).collect().asList().await().atMost(WAIT);
    }
}
