package io.pinfold.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {
    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    @RepeatedTest(200)
    void doublesFromTheInitialPauseWithJitterAndNeverExceedsTheMaximum() {
        assertThat(ResilientDelivery.backoff(1, INITIAL, MAX).toMillis()).isBetween(100L, 300L);
        assertThat(ResilientDelivery.backoff(3, INITIAL, MAX).toMillis()).isBetween(400L, 1200L);
        assertThat(ResilientDelivery.backoff(30, INITIAL, MAX).toMillis()).isBetween(5000L, 10000L);
    }
}
