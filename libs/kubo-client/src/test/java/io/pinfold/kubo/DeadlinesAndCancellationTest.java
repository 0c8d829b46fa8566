package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import io.pinfold.kubo.error.KuboTimeoutException;
import io.pinfold.kubo.error.KuboUnreachableException;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and cancellation against a real Kubo: content that exists nowhere makes Kubo search
 * forever, and its bitswap wantlist shows whether the aborted request really ended on Kubo's side.
 */
class DeadlinesAndCancellationTest {

    private static final Duration TINY = Duration.ofMillis(400);

    @Test
    void aCallPastItsDeadlineFailsAsTimeoutAndKuboStopsLooking() {
        String missing = LiveKubo.unavailableCid();
        KuboClient hasty = LiveKubo.first().withTimeout(TINY);

        long started = System.nanoTime();
        assertThatThrownBy(() -> hasty.block().stat(missing).await().atMost(WAIT))
                .isInstanceOf(KuboTimeoutException.class)
                .hasMessage("kubo block/stat: no answer within 400 ms (request aborted)")
                .matches(timeout -> ((KuboTimeoutException) timeout).isTransient(), "is transient");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        LiveKubo.awaitNotWanted(missing);
    }

    @Test
    void aStreamedCallWithoutAFirstAnswerInTimeFailsAsTimeout() {
        String missing = LiveKubo.unavailableCid();

        AssertSubscriber<Ref> subscriber = LiveKubo.first().withTimeout(TINY).content()
                .refs(missing, RefsOptions.allUnique())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        subscriber.awaitFailure(WAIT);
        assertThat(subscriber.getFailure())
                .isInstanceOf(KuboTimeoutException.class)
                .hasMessage("kubo refs: no answer within 400 ms (request aborted)");
        LiveKubo.awaitNotWanted(missing);
    }

    @Test
    void cancellingAUniAbortsTheRequestOnKubo() {
        String missing = LiveKubo.unavailableCid();

        UniAssertSubscriber<?> subscriber = LiveKubo.first().block().stat(missing)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        LiveKubo.awaitWanted(missing);

        subscriber.cancel();

        LiveKubo.awaitNotWanted(missing);
        subscriber.assertNotTerminated();
    }

    @Test
    void cancellingAStreamAbortsTheRequestOnKubo() {
        String missing = LiveKubo.unavailableCid();

        AssertSubscriber<?> subscriber = LiveKubo.first().content().refs(missing, RefsOptions.allUnique())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        LiveKubo.awaitWanted(missing);

        subscriber.cancel();

        LiveKubo.awaitNotWanted(missing);
        subscriber.assertNotTerminated();
    }

    @Test
    void aNodeThatIsNotThereIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (KuboClient nowhere = KuboClient.create(LiveKubo.vertx(), KuboClientOptions.of("http://127.0.0.1:" + closedPort))) {
            assertThatThrownBy(() -> nowhere.id().await().atMost(WAIT))
                    .isInstanceOf(KuboUnreachableException.class)
                    .hasMessageStartingWith("kubo id: cannot connect to http://127.0.0.1:" + closedPort)
                    .matches(unreachable -> ((KuboUnreachableException) unreachable).isTransient(), "is transient");
        }
    }
}
