package io.pinfold.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.events.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JSON tree against the shape of a data record (field presence and JSON types), reporting
 * every mismatch with its path, before Jackson builds the record and stops at the first one. The
 * record's shape is read by reflection once per class ({@link RecordShape}), not per check.
 */
final class JsonShape {

    private final boolean rejectUnknownFields;

    JsonShape(boolean rejectUnknownFields) {
        this.rejectUnknownFields = rejectUnknownFields;
    }

    /** Violations of {@code node} against {@code recordType}, with paths relative to the node. */
    List<Violation> check(JsonNode node, Class<?> recordType) {
        List<Violation> violations = new ArrayList<>();
        RecordShape.of(recordType).check(node, "", rejectUnknownFields, violations);
        return violations;
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
