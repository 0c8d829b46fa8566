package io.pinfold.pin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTagsColumnTest {
    private final NodeTagsColumn column = new NodeTagsColumn();

    @Test
    void tagsRoundTripAndEqualSetsGiveEqualColumns() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("tier", "");
        tags.put("disk", "ssd");
        tags.put("rack", "r1.a_b-c");

        String stored = column.convertToDatabaseColumn(tags);

        assertThat(stored).isEqualTo("disk=ssd,rack=r1.a_b-c,tier=");
        assertThat(column.convertToEntityAttribute(stored)).isEqualTo(tags);
        assertThat(column.convertToDatabaseColumn(Map.of())).isEmpty();
        assertThat(column.convertToEntityAttribute("")).isEmpty();
    }
}
