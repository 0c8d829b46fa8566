package io.pinfold.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PageLimitTest {
    @Test
    void absentOrEmptyGivesTheDefault() {
        assertThat(PageLimit.parse(null)).isEqualTo(100);
        assertThat(PageLimit.parse("")).isEqualTo(100);
        assertThat(PageLimit.parse(null, 20, 50)).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "1000,1000", "' 7 ',7", "0042,42"})
    void aWholeNumberInRangeIsTaken(String text, int expected) {
        assertThat(PageLimit.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|limit: must be between 1 and 1000, got 0",
            "1001|limit: must be between 1 and 1000, got 1001",
            "-5|limit: must be between 1 and 1000, got -5",
            "99999999999999|limit: must be between 1 and 1000, got 99999999999999",
            "ten|limit: must be a whole number between 1 and 1000, got 'ten'",
            "1.5|limit: must be a whole number between 1 and 1000, got '1.5'",
            "99999999999999999999999|limit: must be a whole number between 1 and 1000, got '99999999999999999999999'"})
    void anythingElseIsRefusedNamingTheField(String text, String details) {
        assertThatThrownBy(() -> PageLimit.parse(text)).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(details);
        });
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        assertThatThrownBy(() -> PageLimit.parse("x".repeat(500))).isInstanceOfSatisfying(RequestRejected.class,
                e -> assertThat(e.getMessage()).hasSizeLessThan(120).endsWith("…'"));
    }

    @Test
    void anotherMaximum() {
        assertThat(PageLimit.parse("50", 20, 50)).isEqualTo(50);
        assertThatThrownBy(() -> PageLimit.parse("51", 20, 50)).hasMessage("limit: must be between 1 and 50, got 51");
    }
}
