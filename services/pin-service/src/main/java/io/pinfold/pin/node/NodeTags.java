package io.pinfold.pin.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A node's tags as stored: "k1=v1,k2=v2" sorted by key. The tag syntax (Kubernetes labels) allows neither ',' nor
 * '=', so the text is unambiguous, and sorting makes equal tag sets equal columns. Plain text rather than a JSON or
 * array column keeps the entity a set of basic values Hibernate Reactive maps without special types.
 */
final class NodeTags {
    private NodeTags() {
    }

    static String format(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return "";
        }
        return new TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static Map<String, String> parse(String column) {
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
