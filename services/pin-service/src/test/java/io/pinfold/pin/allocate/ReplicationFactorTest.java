package io.pinfold.pin.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.validation.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationFactorTest {

    @ParameterizedTest(name = "{0}..{1} under cap {2}")
    @CsvSource({"1,1,3", "1,3,3", "2,2,16", "16,16,16"})
    void acceptsMinAtLeastOneAndMaxBetweenMinAndCap(int min, int max, int cap) {
        ReplicationFactor factor = ReplicationFactor.of(min, max, cap);
        assertThat(factor.min()).isEqualTo(min);
        assertThat(factor.max()).isEqualTo(max);
    }

    @ParameterizedTest(name = "{0}..{1} under cap {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "0|1|3|replicationMin: must be between 1 and 3, was 0",
            "-1|2|3|replicationMin: must be between 1 and 3, was -1",
            "3|2|3|replicationMax: must be at least replicationMin (3), was 2",
            "1|4|3|replicationMax: must be between 1 and 3, was 4",
            "5|4|3|replicationMin: must be between 1 and 3, was 5; replicationMax: must be between 1 and 3, was 4; replicationMax: must be at least replicationMin (5), was 4",
            "1|17|20|replicationMax: must be between 1 and 16, was 17",
    })
    void refusesWithTheFieldAndTheReason(int min, int max, int cap, String message) {
        assertThatThrownBy(() -> ReplicationFactor.of(min, max, cap))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message);
    }
}
