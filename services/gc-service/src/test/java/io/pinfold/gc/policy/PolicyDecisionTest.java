package io.pinfold.gc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.gc.GcTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDecisionTest {
    private static final Instant THREE_AM = Instant.parse("2026-12-02T03:00:00Z");

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "02:00-05:00, 02:00, true",
            "02:00-05:00, 04:59, true",
            "02:00-05:00, 05:00, false",
            "02:00-05:00, 01:59, false",
            "22:00-02:00, 23:30, true",
            "22:00-02:00, 01:59, true",
            "22:00-02:00, 02:00, false",
            "22:00-02:00, 12:00, false",
            "00:00-24:00, 23:59, true",
    })
    void aWindowContainsItsStartButNotItsEndAndMayWrapMidnight(String window, String time, boolean contained) {
        TimeWindow parsed = TimeWindow.parse(window, new StringBuilder()).orElseThrow();
        assertThat(parsed.contains(LocalTime.parse(time))).isEqualTo(contained);
        assertThat(parsed.toString()).isEqualTo(window);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2-5| is not HH:MM-HH:MM",
            "02:00 - 05:00x| is not HH:MM-HH:MM",
            "25:00-26:00| out of range",
            "02:60-03:00| out of range",
            "24:00-02:00| out of range",
            "03:00-03:00| is empty",
    })
    void aWindowThatDoesNotParseSaysWhy(String window, String reason) {
        StringBuilder problem = new StringBuilder();
        assertThat(TimeWindow.parse(window, problem)).isEmpty();
        assertThat(problem.toString()).contains(reason);
    }

    @Test
    void runsOnlyInsideAWindow() {
        PolicyDecision decision = new PolicyDecision(List.of(window("04:00-05:00")), Duration.ZERO, null, 10L);
        assertThat(decision.trigger(THREE_AM, null, 100L, null)).isEmpty();
        assertThat(decision.trigger(THREE_AM.plusSeconds(3600), null, 100L, null)).contains(GcTrigger.UNPINNED);
    }

    @Test
    void batchesUnpinsUntilTheReclaimableWatermarkAndTheMinimumInterval() {
        PolicyDecision decision = new PolicyDecision(List.of(), Duration.ofHours(1), null, 1000L);
        assertThat(decision.trigger(THREE_AM, null, 999L, null)).isEmpty();
        assertThat(decision.trigger(THREE_AM, null, null, null)).isEmpty();
        assertThat(decision.trigger(THREE_AM, null, 1000L, null)).contains(GcTrigger.UNPINNED);
        assertThat(decision.trigger(THREE_AM, null, 1000L, THREE_AM.minusSeconds(3599))).isEmpty();
        assertThat(decision.trigger(THREE_AM, null, 1000L, THREE_AM.minusSeconds(3600))).contains(GcTrigger.UNPINNED);
    }

    @Test
    void repoUsageOverItsWatermarkTriggersFirst() {
        PolicyDecision decision = new PolicyDecision(List.of(), Duration.ZERO, 80, 1000L);
        assertThat(decision.trigger(THREE_AM, 79, null, null)).isEmpty();
        assertThat(decision.trigger(THREE_AM, 80, 5000L, null)).contains(GcTrigger.WATERMARK);
        assertThat(new PolicyDecision(List.of(), Duration.ZERO, null, null).trigger(THREE_AM, 100, 1L << 40, null))
                .as("both watermarks off: only manual runs").isEqualTo(Optional.empty());
    }

    private static TimeWindow window(String text) {
        return TimeWindow.parse(text, new StringBuilder()).orElseThrow();
    }
}
