package io.pinfold.pin.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.validation.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationPolicyTest {

    private final ReplicationPolicy policy = new ReplicationPolicy(1, 2, 5);

    @ParameterizedTest(name = "fallback {0}..{1}, override min={2} max={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "1,2,-,-,1..2",
            "1,2,3,-,3..3",
            "1,2,-,4,1..4",
            "2,3,-,1,1..1",
            "1,2,2,5,2..5",
    })
    void anOverrideReplacesWhatItGivesAndKeepsTheRestConsistent(int fallbackMin, int fallbackMax, Integer min, Integer max,
                                                              String expected) {
        String[] range = expected.split("\\.\\.");
        assertThat(policy.resolve(new ReplicationFactor(fallbackMin, fallbackMax), min, max))
                .isEqualTo(new ReplicationFactor(Integer.parseInt(range[0]), Integer.parseInt(range[1])));
    }

    @Test
    void anOverrideAboveTheCapIsRefusedNamingTheField() {
        assertThatThrownBy(() -> policy.resolve(policy.defaultFactor(), null, 6))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("replicationMax: must be between 1 and 5, was 6");
        assertThatThrownBy(() -> policy.resolve(policy.defaultFactor(), 0, null))
                .hasMessage("replicationMin: must be between 1 and 5, was 0");
    }

    @Test
    void aPinsMetaOverridesTheFactorAndBadValuesNameTheMetaKey() {
        assertThat(policy.resolveFromMeta(policy.defaultFactor(), java.util.Map.of("replicationMin", "2", "app", "x")))
                .isEqualTo(new ReplicationFactor(2, 2));
        assertThat(policy.resolveFromMeta(policy.defaultFactor(), java.util.Map.of())).isEqualTo(policy.defaultFactor());
        assertThat(policy.resolveFromMeta(policy.defaultFactor(), null)).isEqualTo(policy.defaultFactor());
        assertThatThrownBy(() -> policy.resolveFromMeta(policy.defaultFactor(), java.util.Map.of("replicationMax", "two")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("meta.replicationMax: must be a whole number, was 'two'");
        assertThatThrownBy(() -> policy.resolveFromMeta(policy.defaultFactor(), java.util.Map.of("replicationMax", "9")))
                .hasMessage("meta.replicationMax: must be between 1 and 5, was 9");
    }

    @Test
    void configurationThatDoesNotFitTogetherNamesItsKeys() {
        assertThatThrownBy(() -> new ReplicationPolicy(3, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pinfold.replication.min: must be between 1 and 2, was 3; "
                        + "pinfold.replication.max: must be at least pinfold.replication.min (3), was 2");
        assertThatThrownBy(() -> new ReplicationPolicy(1, 2, 17))
                .hasMessageStartingWith("pinfold.replication.cap: must be between 1 and 16, was 17");
        assertThat(new ReplicationPolicy(1, 2, 16).defaultFactor()).isEqualTo(new ReplicationFactor(1, 2));
    }
}
