package io.pinfold.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8785 canonical form for the subset the audit trail stores. */
class CanonicalJsonTest {

    @Test
    void keysAreSortedByUtf16CodeUnitsAtEveryLevel() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("b", 1);
        // U+FB01 sorts before U+1F600 by code point, after it by UTF-16 code unit (FB01 > D83D): JCS wants the latter.
        details.put("\ufb01", "ligature");
        details.put("\ud83d\ude00", "emoji");
        details.put("A", Map.of("z", 1, "aa", 2));
        assertThat(CanonicalJson.of(details)).isEqualTo("{\"A\":{\"aa\":2,\"z\":1},\"b\":1,\"\ud83d\ude00\":\"emoji\",\"\ufb01\":\"ligature\"}");
    }

    @Test
    void readingBackFromAnyKeyOrderAndSpacingGivesTheSameText() {
        assertThat(CanonicalJson.ofStored("{ \"n\": 1, \"cid\" : \"x\", \"list\": [ true, null, -3 ] }"))
                .isEqualTo("{\"cid\":\"x\",\"list\":[true,null,-3],\"n\":1}");
    }

    @Test
    void stringsAreEscapedAsJcsSays() {
        assertThat(CanonicalJson.of(Map.of("s", "q\"b\\n\nt\tc\u0001/\u00e9")))
                .isEqualTo("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001/\u00e9\"}");
    }

    @Test
    void fractionsLargeNumbersNulAndLoneSurrogatesAreRefusedNamingThePath() {
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("a", List.of(1.5)))).hasMessageStartingWith("details.a[0]: only whole numbers");
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("big", 1L << 60))).hasMessageStartingWith("details.big: only whole numbers");
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("s", "a\u0000b"))).hasMessage("details.s: must not contain the NUL character");
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("s", "\ud83d"))).hasMessageStartingWith("details.s: contains a lone UTF-16 surrogate");
    }
}
