package io.pinfold.kubo.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Kubo's answers field by field. Kubo omits empty fields ({@code omitempty}), so a missing
 * field reads as the zero value rather than failing; a present field of the wrong type fails.
 */
public final class JsonFields {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);

    private JsonFields() {}

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    public static Optional<String> optionalText(JsonNode node, String field) {
        String value = text(node, field);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0L;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            // Kubo writes some sizes as strings (add's "Size").
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("field " + field + ": not a number: '" + value.asText() + "'");
            }
        }
        throw new IllegalArgumentException("field " + field + ": expected a number, got " + value.getNodeType());
    }

    public static double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? 0.0 : value.asDouble();
    }

    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.asBoolean(false);
    }

    public static List<String> texts(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> out.add(item.asText()));
        }
        return List.copyOf(out);
    }

    /** A CID written either as a string or as an IPLD link {@code {"/": "bafy…"}}. */
    public static String cid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isObject() ? value.path("/").asText("") : value.asText();
    }
}
