package io.pinfold.runtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void generatedTokensCarryThePrefixAnd32RandomBytesInBase64Url() {
        String text = BearerToken.generate().reveal();
        assertThat(text).startsWith("pf_").hasSize(3 + 43).matches("pf_[A-Za-z0-9_-]{43}");
    }

    @Test
    void generatedTokensNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(BearerToken.generate().reveal())).isTrue();
        }
    }

    @Test
    void theHashIsSha256OfTheTokenText() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(BearerToken.of("abc").hash()).asHexString()
                .isEqualToIgnoringCase("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    }

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        BearerToken token = BearerToken.generate();
        assertThat(token.matches(token.hash())).isTrue();
        assertThat(token.matches(BearerToken.generate().hash())).isFalse();
        assertThat(token.matches(token.reveal().getBytes())).as("the plaintext is not its hash").isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void theTokenNeverShowsInItsStringForm() {
        BearerToken token = BearerToken.generate();
        assertThat(token.toString()).doesNotContain(token.reveal()).doesNotContain("pf_");
    }
}
