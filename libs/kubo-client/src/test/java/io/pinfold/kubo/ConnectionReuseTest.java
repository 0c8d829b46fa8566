package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.content.AddOptions;
import io.pinfold.kubo.content.Ref;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

/**
 * Pooled keep-alive connections after cancels and failures, against a real Kubo: aborting one call
 * must never close a connection that the pool has already handed to the next call.
 */
class ConnectionReuseTest {

    /** More items than the client buffers for a slow subscriber, so it pauses reading the answer. */
    private static final int MANY_BLOCKS = 300;

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void cancellingAStreamHeldBackForASlowSubscriberLeavesTheNextCallsWorking() throws InterruptedException {
        Multi.createFrom().range(0, MANY_BLOCKS)
                .onItem().transformToUni(i -> kubo.content().add(LiveKubo.uniqueBytes(32),
                        AddOptions.defaults().withCidVersion(1).withRawLeaves(true).withPin(false)))
                .merge(8)
                .collect().last().await().atMost(WAIT);

        AssertSubscriber<Ref> slow = kubo.content().refsLocal().subscribe().withSubscriber(AssertSubscriber.create(1));
        slow.awaitItems(1, WAIT);
        // Kubo's whole answer (~25 KB) reaches the connection while the client holds it back.
        Thread.sleep(500);
        slow.cancel();

        for (int i = 0; i < 5; i++) {
            assertThat(kubo.id().await().atMost(WAIT).peerId()).isNotBlank();
        }
    }
}
