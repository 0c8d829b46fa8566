package io.pinfold.gc.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainRuleTest {

    @Test
    void neverDrainsTheLastActiveNode() {
        assertThat(new DrainRule(0, 0, 1, 0, null).refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("last active node"));
        assertThat(new DrainRule(1, 0, 1, 0, null).refusal()).isEmpty();
    }

    @Test
    void neverDrainsMoreNodesAtOnceThanAllowed() {
        assertThat(new DrainRule(5, 1, 1, 0, null).refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("max-drained=1"));
        assertThat(new DrainRule(5, 1, 2, 0, null).refusal()).isEmpty();
        assertThat(new DrainRule(5, 2, 2, 0, null).refusal()).isPresent();
    }

    @Test
    void neverDrainsANodeHoldingTheLastActiveReplicaOfSomePinnedContent() {
        assertThat(new DrainRule(5, 0, 1, 2, "bafyexample").refusal()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("last active replica of 2 pinned content(s)").contains("bafyexample"));
    }
}
