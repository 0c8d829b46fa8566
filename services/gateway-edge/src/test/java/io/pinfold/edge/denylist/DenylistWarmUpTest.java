package io.pinfold.edge.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up runs the real apply path (decode, translate, put, match, remove) on a scratch denylist. */
class DenylistWarmUpTest {

    @Test
    void everySyntheticEntryIsAppliedAndMatched() {
        assertThat(DenylistWarmUp.run(50)).isEqualTo(50);
    }
}
