package io.pinfold.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.events.JsonEnum;
import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.Violation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BASELINE for bench/codec only: event-contracts' JsonShape as it was before the per-class shape cache (commit
 * 8f7cddb), reflecting on the record per call (getRecordComponents, generic types, annotations, enum constants).
 *
 * Checks a JSON tree against the shape of a data record (field presence and JSON types), reporting
 * every mismatch with its path, before Jackson builds the record and stops at the first one.
 */
final class ReflectiveJsonShape {

    private final boolean rejectUnknownFields;

    ReflectiveJsonShape(boolean rejectUnknownFields) {
        this.rejectUnknownFields = rejectUnknownFields;
    }

    /** Violations of {@code node} against {@code recordType}, with paths relative to the node. */
    List<Violation> check(JsonNode node, Class<?> recordType) {
        List<Violation> violations = new ArrayList<>();
        checkRecord(node, recordType, "", violations);
        return violations;
    }

    private void checkRecord(JsonNode node, Class<?> recordType, String path, List<Violation> out) {
        if (!node.isObject()) {
            out.add(new Violation(path, "expected a JSON object, got " + describe(node)));
            return;
        }
        RecordComponent[] components = recordType.getRecordComponents();
        for (RecordComponent component : components) {
            String field = join(path, component.getName());
            JsonNode value = node.get(component.getName());
            if (value == null || value.isNull()) {
                if (!component.isAnnotationPresent(OptionalField.class)) {
                    out.add(new Violation(field, "required"));
                }
                continue;
            }
            checkValue(value, component.getGenericType(), field, out);
        }
        if (rejectUnknownFields) {
            Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    out.add(new Violation(join(path, name), "unknown field (expected one of " + String.join(", ",
                            Arrays.stream(components).map(RecordComponent::getName).toList()) + ")"));
                }
            }
        }
    }

    private void checkValue(JsonNode value, Type type, String field, List<Violation> out) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[raw == Map.class ? 1 : 0];
            if (raw == List.class) {
                if (!value.isArray()) {
                    out.add(new Violation(field, "expected an array, got " + describe(value)));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkElement(value.get(i), element, field + "[" + i + "]", out);
                }
            } else if (raw == Map.class) {
                if (!value.isObject()) {
                    out.add(new Violation(field, "expected an object, got " + describe(value)));
                    return;
                }
                value.fields().forEachRemaining(entry ->
                        checkElement(entry.getValue(), element, join(field, entry.getKey()), out));
            }
            return;
        }
        Class<?> javaType = (Class<?>) type;
        if (javaType == String.class) {
            expect(value.isTextual(), "a string", value, field, out);
        } else if (javaType == Integer.class || javaType == int.class) {
            expect(value.isIntegralNumber() && value.canConvertToInt(), "an integer", value, field, out);
        } else if (javaType == Long.class || javaType == long.class) {
            expect(value.isIntegralNumber() && value.canConvertToLong(), "an integer", value, field, out);
        } else if (javaType == Boolean.class || javaType == boolean.class) {
            expect(value.isBoolean(), "true or false", value, field, out);
        } else if (javaType == Instant.class) {
            expect(value.isTextual() && isInstant(value.asText()),
                    "an RFC 3339 timestamp such as 2026-01-31T12:00:00Z", value, field, out);
        } else if (javaType.isEnum() && JsonEnum.class.isAssignableFrom(javaType)) {
            List<String> allowed = Arrays.stream(javaType.getEnumConstants()).map(c -> ((JsonEnum) c).json()).toList();
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                out.add(new Violation(field, "unknown value " + describe(value) + " (expected one of "
                        + String.join(", ", allowed) + ")"));
            }
        } else if (javaType.isRecord()) {
            checkRecord(value, javaType, field, out);
        } else {
            throw new IllegalStateException("no JSON shape for " + javaType.getName() + " at " + field);
        }
    }

    private void checkElement(JsonNode value, Type type, String field, List<Violation> out) {
        if (value == null || value.isNull()) {
            out.add(new Violation(field, "must not be null"));
        } else {
            checkValue(value, type, field, out);
        }
    }

    private static void expect(boolean holds, String expected, JsonNode value, String field, List<Violation> out) {
        if (!holds) {
            out.add(new Violation(field, "expected " + expected + ", got " + describe(value)));
        }
    }

    private static boolean isInstant(String text) {
        try {
            DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
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

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
