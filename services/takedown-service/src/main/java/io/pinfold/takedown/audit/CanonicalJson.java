package io.pinfold.takedown.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the subset the audit trail stores: objects, arrays, strings,
 * booleans, null and whole numbers within ±(2^53 − 1). Object keys are sorted by UTF-16 code units, no
 * whitespace, strings escaped as JCS says (\" \\ \b \f \n \r \t, other control characters as backslash-u00xx).
 *
 * <p>Written here rather than taken from a library: the one JCS implementation for Java on Maven Central
 * (erdtman/java-json-canonicalization) has had no release for years, and the hard part of JCS, ECMAScript
 * formatting of binary floating-point numbers, is exactly what this subset leaves out: PostgreSQL's JSONB keeps
 * numbers as decimals, so a float would not read back as the value that was hashed. Whole numbers are exact
 * in both, and their JCS form is their plain decimal text.
 */
final class CanonicalJson {
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJson() {
    }

    /** The canonical text of {@code details}. @throws IllegalArgumentException naming the path of a value outside the subset */
    static String of(Map<String, ?> details) {
        return of((JsonNode) JSON.valueToTree(details));
    }

    /** The canonical text of a JSON document as stored (e.g. read back from JSONB). */
    static String ofStored(String json) {
        try {
            return of(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("details: not JSON: " + e.getOriginalMessage());
        }
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, "details", out);
        return out.toString();
    }

    static void requireStorable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(field + ": must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + ": contains a lone UTF-16 surrogate at index " + i);
            }
        }
    }

    private static void write(JsonNode node, String path, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                keys.sort(String::compareTo); // String.compareTo compares UTF-16 code units, as RFC 8785 §3.2.3 asks
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    String key = keys.get(i);
                    requireStorable(path + "." + key, key);
                    string(key, out);
                    out.append(':');
                    write(node.get(key), path + "." + key, out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> items = node.elements();
                for (int i = 0; items.hasNext(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(items.next(), path + "[" + i + "]", out);
                }
                out.append(']');
            }
            case STRING -> {
                requireStorable(path, node.textValue());
                string(node.textValue(), out);
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.canConvertToExactIntegral() || node.bigIntegerValue().abs().compareTo(java.math.BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
                    throw new IllegalArgumentException(path + ": only whole numbers within ±(2^53 − 1) are recorded; "
                            + "give " + node.asText() + " as a string");
                }
                out.append(node.bigIntegerValue());
            }
            default -> throw new IllegalArgumentException(path + ": a " + node.getNodeType() + " is not a JSON value");
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
