package io.pinfold.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("empty: half a second until the next token at 2/s").isEqualTo(SECOND / 2);
        assertThat(bucket.take(SECOND / 4)).as("a refused request takes nothing").isEqualTo(SECOND / 4);
        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(SECOND / 2)).isPositive();
        assertThat(bucket.full(10 * SECOND)).as("refilled up to its size, never more").isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(10 * SECOND)).isZero();
        }
        assertThat(bucket.take(10 * SECOND)).isPositive();
    }

    @Test
    void clientsHaveBucketsOfTheirOwnAndQuietOnesAreForgotten() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1);
        assertThat(limiter.take("a", 0)).isZero();
        assertThat(limiter.take("a", 0)).isPositive();
        assertThat(limiter.take("b", 0)).as("another address has its own bucket").isZero();
        limiter.sweep(0);
        assertThat(limiter.clients()).as("both still owe tokens").isEqualTo(2);
        limiter.sweep(2 * SECOND);
        assertThat(limiter.clients()).as("full buckets are dropped").isZero();
    }
}
