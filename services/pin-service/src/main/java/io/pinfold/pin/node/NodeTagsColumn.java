package io.pinfold.pin.node;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Stores a node's tags as "k1=v1,k2=v2" sorted by key: the tag syntax (Kubernetes labels) allows neither ',' nor
 * '=', so the text is unambiguous, and sorting makes equal tag sets equal columns.
 */
@Converter
public class NodeTagsColumn implements AttributeConverter<Map<String, String>, String> {
    @Override
    public String convertToDatabaseColumn(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return "";
        }
        return new TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        Map<String, String> tags = new TreeMap<>();
        if (column != null && !column.isEmpty()) {
            for (String pair : column.split(",")) {
                int eq = pair.indexOf('=');
                tags.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Map.copyOf(tags);
    }
}
