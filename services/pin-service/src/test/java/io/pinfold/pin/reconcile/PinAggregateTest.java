package io.pinfold.pin.reconcile;

import static io.pinfold.pin.nodepin.NodePinStatus.FAILED;
import static io.pinfold.pin.nodepin.NodePinStatus.PINNED;
import static io.pinfold.pin.nodepin.NodePinStatus.PINNING;
import static io.pinfold.pin.nodepin.NodePinStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.pin.nodepin.NodePinStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API status of a pin from its per-node rows: the rule the README states. */
class PinAggregateTest {

    private static PinAggregate.Allocation row(String node, NodePinStatus status, Long blocks, String reason) {
        return new PinAggregate.Allocation(node, status, blocks, reason);
    }

    private static String status(PinAggregate.Allocation... rows) {
        return PinAggregate.of(List.of(rows)).orElseThrow().status();
    }

    @Test
    void pinnedOnceEveryAllocationThatHasNotFailedHoldsIt() {
        assertThat(status(row("a", PINNED, 3L, null), row("b", PINNED, 3L, null))).isEqualTo("pinned");
        assertThat(status(row("a", PINNED, 3L, null), row("b", FAILED, 0L, "timeout"))).isEqualTo("pinned");
        assertThat(status(row("a", PINNED, 3L, null), row("b", QUEUED, null, null))).isEqualTo("pinning");
    }

    @Test
    void pinningWhileAnyNodeFetchesQueuedBeforeAnyStarts() {
        assertThat(status(row("a", PINNING, 1L, null), row("b", QUEUED, null, null))).isEqualTo("pinning");
        assertThat(status(row("a", QUEUED, null, "attempt 1 failed"), row("b", QUEUED, null, null))).isEqualTo("queued");
    }

    @Test
    void failedWhenEveryNodeFailedOrTheContentIsBlocked() {
        PinAggregate all = PinAggregate.of(List.of(row("a", FAILED, 0L, "gave up"), row("b", FAILED, 0L, "other"))).orElseThrow();
        assertThat(all.status()).isEqualTo("failed");
        assertThat(all.failureReason()).isEqualTo("gave up");
        PinAggregate blocked = PinAggregate.of(List.of(row("a", PINNED, 4L, null), row("b", FAILED, 0L, "blocked: court order"))).orElseThrow();
        assertThat(blocked.status()).isEqualTo("failed");
        assertThat(blocked.failureReason()).isEqualTo("blocked: court order");
    }

    @Test
    void infoNamesEachNodesStateAndTheMostBlocksFetched() {
        PinAggregate aggregate = PinAggregate.of(List.of(row("kubo-2", PINNING, 7L, null), row("kubo-1", PINNED, 12L, null))).orElseThrow();
        assertThat(aggregate.info()).containsEntry("nodes", "kubo-1=pinned,kubo-2=pinning").containsEntry("blocks_fetched", "12");
        assertThat(PinAggregate.of(List.of())).isEmpty();
    }
}
