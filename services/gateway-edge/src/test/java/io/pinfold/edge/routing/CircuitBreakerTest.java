package io.pinfold.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long OPEN = 1_000;

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndKeepsTrafficOff() {
        CircuitBreaker breaker = new CircuitBreaker(3, OPEN);
        breaker.failure(0);
        breaker.failure(1);
        breaker.success();
        breaker.failure(2);
        breaker.failure(3);
        assertThat(breaker.tryAcquire(4)).as("a success in between resets the count").isTrue();
        breaker.failure(5);
        assertThat(breaker.state(6)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire(6)).isFalse();
        assertThat(breaker.tryAcquire(5 + OPEN - 1)).isFalse();
    }

    @Test
    void afterTheOpenTimeOneTrialGoesThroughAndItsOutcomeDecides() {
        CircuitBreaker breaker = new CircuitBreaker(1, OPEN);
        breaker.failure(0);
        assertThat(breaker.tryAcquire(OPEN)).as("the trial").isTrue();
        assertThat(breaker.tryAcquire(OPEN + 1)).as("only one trial at a time").isFalse();
        breaker.failure(OPEN + 2);
        assertThat(breaker.tryAcquire(OPEN + 3)).as("a failed trial opens it again").isFalse();
        assertThat(breaker.tryAcquire(2 * OPEN + 2)).isTrue();
        breaker.success();
        assertThat(breaker.state(2 * OPEN + 3)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire(2 * OPEN + 3)).isTrue();
    }

    @Test
    void aTrialThatNeverReportsBackDoesNotHoldTheNodeOffForEver() {
        CircuitBreaker breaker = new CircuitBreaker(1, OPEN);
        breaker.failure(0);
        assertThat(breaker.tryAcquire(OPEN)).isTrue();
        assertThat(breaker.tryAcquire(2 * OPEN)).isTrue();
    }
}
