package io.pinfold.pin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTagsTest {

    @Test
    void tagsRoundTripAndEqualSetsGiveEqualColumns() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("tier", "");
        tags.put("disk", "ssd");
        tags.put("rack", "r1.a_b-c");

        String stored = NodeTags.format(tags);

        assertThat(stored).isEqualTo("disk=ssd,rack=r1.a_b-c,tier=");
        assertThat(NodeTags.parse(stored)).isEqualTo(tags);
        assertThat(NodeTags.format(Map.of())).isEmpty();
        assertThat(NodeTags.parse("")).isEmpty();
    }
}
