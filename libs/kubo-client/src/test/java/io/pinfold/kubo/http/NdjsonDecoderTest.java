package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {

    private final NdjsonDecoder<String> decoder = new NdjsonDecoder<>(json -> json.path("Cid").asText());
    private final List<String> items = new ArrayList<>();

    @Test
    void emitsEachLineAsSoonAsItIsComplete() {
        decoder.accept(Buffer.buffer("{\"Cid\":\"a\"}\n{\"Cid\":\"b\"}\n{\"Ci"), items::add);
        assertThat(items).containsExactly("a", "b");

        decoder.accept(Buffer.buffer("d\":\"c\"}\n"), items::add);
        assertThat(items).containsExactly("a", "b", "c");
    }

    @Test
    void joinsALineSplitAcrossManyChunks() {
        for (char c : "{\"Cid\":\"bafy\"}\n".toCharArray()) {
            decoder.accept(Buffer.buffer(String.valueOf(c)), items::add);
        }
        assertThat(items).containsExactly("bafy");
    }

    @Test
    void emitsALastLineWithoutNewlineAtTheEnd() {
        decoder.accept(Buffer.buffer("{\"Cid\":\"a\"}\n{\"Cid\":\"b\"}"), items::add);
        assertThat(items).containsExactly("a");

        decoder.finish(items::add);
        assertThat(items).containsExactly("a", "b");
    }

    @Test
    void skipsBlankLines() {
        decoder.accept(Buffer.buffer("\n  \n{\"Cid\":\"a\"}\r\n\n"), items::add);
        decoder.finish(items::add);
        assertThat(items).containsExactly("a");
    }

    @Test
    void failsOnALineThatIsNotJson() {
        assertThatThrownBy(() -> decoder.accept(Buffer.buffer("<html>oops</html>\n"), items::add))
                .hasMessageContaining("unreadable line from Kubo");
    }

    @Test
    void keepsMemoryBoundedToOnePartialLine() {
        NdjsonDecoder<JsonNode> counting = new NdjsonDecoder<>(json -> json);
        int[] seen = {0};
        Buffer chunk = Buffer.buffer();
        for (int i = 0; i < 1000; i++) {
            chunk.appendString("{\"Cid\":\"c" + i + "\",\"Type\":\"recursive\"}\n");
        }
        for (int round = 0; round < 200; round++) {
            counting.accept(chunk, json -> seen[0]++);
        }
        assertThat(seen[0]).isEqualTo(200_000);
    }
}
