package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.block.BlockRemoval;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import io.pinfold.kubo.error.KuboIdleTimeoutException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.pin.PinAddOptions;
import io.pinfold.kubo.pin.PinLsOptions;
import io.pinfold.kubo.pin.PinProgress;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real Kubo falling silent in the middle of a streamed answer: a DAG with one block that no node
 * has makes {@code refs} and {@code cat} stop after the blocks that exist, and {@code pin add
 * --progress} of content nobody has keeps reporting "nothing yet" every 500 ms. Each must fail with
 * the idle timeout, and the reset request must make Kubo stop looking for the block.
 */
class StreamStallTest {

    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final int LEAF = 256 * 1024; // Kubo's default chunk size

    private final KuboClient impatient = LiveKubo.first().withStreamIdleTimeout(IDLE);

    @Test
    void refsOfADagMissingABlockFailsOnceKuboFallsSilentAndKuboStopsLooking() {
        PartialDag dag = partialDag();

        AssertSubscriber<Ref> subscriber = impatient.content().refs(dag.root(), RefsOptions.allUnique())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitFailure(WAIT);
        assertThat(subscriber.getItems()).extracting(Ref::cid).containsExactlyElementsOf(dag.present());
        assertThat(subscriber.getFailure())
                .isInstanceOf(KuboIdleTimeoutException.class)
                .hasMessage("kubo refs: no progress for 1500 ms after the answer began (request aborted)");
        LiveKubo.awaitNotWanted(dag.missing());
    }

    @Test
    void catOfAFileMissingABlockFailsOnceTheBytesStopAndKuboStopsLooking() {
        PartialDag dag = partialDag();

        AssertSubscriber<byte[]> subscriber = impatient.content().catStream(dag.root())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitFailure(WAIT);
        assertThat(subscriber.getItems().stream().mapToInt(chunk -> chunk.length).sum()).isEqualTo(2 * LEAF);
        assertThat(subscriber.getFailure())
                .isInstanceOf(KuboIdleTimeoutException.class)
                .hasMessage("kubo cat: no progress for 1500 ms after the answer began (request aborted)");
        LiveKubo.awaitNotWanted(dag.missing());
    }

    @Test
    void pinAddOfContentNobodyHasFailsAlthoughKuboKeepsReportingAndLeavesNoPin() {
        String missing = LiveKubo.unavailableCid();

        AssertSubscriber<PinProgress> subscriber = impatient.pin().addWithProgress(missing, PinAddOptions.recursivePin())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitFailure(WAIT);
        // Kubo reported every 500 ms, but never a block: those reports are not progress.
        assertThat(subscriber.getItems()).hasSizeGreaterThanOrEqualTo(2).allMatch(step -> step.blocks() == 0 && !step.done());
        assertThat(subscriber.getFailure())
                .isInstanceOf(KuboIdleTimeoutException.class)
                .hasMessage("kubo pin/add: no progress for 1500 ms after the answer began (request aborted)");
        LiveKubo.awaitNotWanted(missing);
        assertThatThrownBy(() -> LiveKubo.first().pin().ls(PinLsOptions.all().withCids(List.of(missing)))
                .collect().asList().await().atMost(WAIT))
                .isInstanceOf(KuboNotPinnedException.class);
    }

    /**
     * A file of three leaves on node 1 whose last leaf was then removed: no node has it. The root and
     * the other leaves are pinned directly, so a GC run elsewhere cannot take them too.
     */
    private static PartialDag partialDag() {
        KuboClient kubo = LiveKubo.first();
        String root = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(2 * LEAF + 1000), false);
        List<String> leaves = kubo.content().refs(root, RefsOptions.direct())
                .map(Ref::cid).collect().asList().await().atMost(WAIT);
        assertThat(leaves).hasSize(3);
        for (String kept : List.of(root, leaves.get(0), leaves.get(1))) {
            kubo.pin().add(kept, PinAddOptions.directPin()).await().atMost(WAIT);
        }
        String missing = leaves.get(2);
        assertThat(kubo.block().rm(List.of(missing), false).collect().asList().await().atMost(WAIT))
                .singleElement().matches(BlockRemoval::removed, "removed");
        return new PartialDag(root, leaves.subList(0, 2), missing);
    }

    private record PartialDag(String root, List<String> present, String missing) {}
}
