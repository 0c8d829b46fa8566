package io.pinfold.gc.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainRuleTest {

    @Test
    void neverDrainsTheLastActiveNode() {
        assertThat(new DrainRule(0, 0, 1).refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("last active node"));
        assertThat(new DrainRule(1, 0, 1).refusal()).isEmpty();
    }

    @Test
    void neverDrainsMoreNodesAtOnceThanAllowed() {
        assertThat(new DrainRule(5, 1, 1).refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("max-drained=1"));
        assertThat(new DrainRule(5, 1, 2).refusal()).isEmpty();
        assertThat(new DrainRule(5, 2, 2).refusal()).isPresent();
    }
}
