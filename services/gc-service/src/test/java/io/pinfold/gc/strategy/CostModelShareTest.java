package io.pinfold.gc.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostModelShareTest {

    @Test
    void theShareIsKnownOnlyWhenTheRepoSizeCanHoldTheUnpinnedRoots() {
        assertThat(CostModel.share(50L, 200L)).isEqualTo(25);
        assertThat(CostModel.share(200L, 200L)).isEqualTo(100);
        assertThat(CostModel.share(null, 200L)).isNull();
        assertThat(CostModel.share(50L, null)).isNull();
        assertThat(CostModel.share(50L, 0L)).isNull();
        // a repo size read before the roots were added (a young node): stale, not "the roots are the whole repo"
        assertThat(CostModel.share(600_000L, 250_000L)).isNull();
    }
}
