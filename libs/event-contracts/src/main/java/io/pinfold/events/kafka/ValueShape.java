package io.pinfold.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.events.JsonEnum;
import io.pinfold.events.validation.Violation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check of one present, non-null JSON value against a Java type of a data record, compiled once from the type
 * (see {@link RecordShape}) so a decode does no reflection.
 */
interface ValueShape {

    /** Adds a violation for each mismatch of {@code value} at {@code field}. */
    void check(JsonNode value, String field, boolean rejectUnknownFields, List<Violation> out);

    static ValueShape of(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[raw == Map.class ? 1 : 0];
            if (raw == List.class) {
                return new ListShape(of(element));
            }
            if (raw == Map.class) {
                return new MapShape(of(element));
            }
            return (value, field, rejectUnknownFields, out) -> { };
        }
        if (!(type instanceof Class<?> javaType)) {
            return unsupported(type.getTypeName());
        }
        if (javaType == String.class) {
            return expect(JsonNode::isTextual, "a string");
        } else if (javaType == Integer.class || javaType == int.class) {
            return expect(value -> value.isIntegralNumber() && value.canConvertToInt(), "an integer");
        } else if (javaType == Long.class || javaType == long.class) {
            return expect(value -> value.isIntegralNumber() && value.canConvertToLong(), "an integer");
        } else if (javaType == Boolean.class || javaType == boolean.class) {
            return expect(JsonNode::isBoolean, "true or false");
        } else if (javaType == Instant.class) {
            return expect(value -> value.isTextual() && isInstant(value.asText()),
                    "an RFC 3339 timestamp such as 2026-01-31T12:00:00Z");
        } else if (javaType.isEnum() && JsonEnum.class.isAssignableFrom(javaType)) {
            return new EnumShape(Arrays.stream(javaType.getEnumConstants()).map(c -> ((JsonEnum) c).json()).toList());
        } else if (javaType.isRecord()) {
            // looked up when checked, not now: a record may (indirectly) contain its own type
            return (value, field, rejectUnknownFields, out) ->
                    RecordShape.of(javaType).check(value, field, rejectUnknownFields, out);
        }
        return unsupported(javaType.getName());
    }

    /** A type no event record should use: fails when a value of it is checked, as the reflective check did. */
    private static ValueShape unsupported(String typeName) {
        return (value, field, rejectUnknownFields, out) -> {
            throw new IllegalStateException("no JSON shape for " + typeName + " at " + field);
        };
    }

    private static ValueShape expect(java.util.function.Predicate<JsonNode> holds, String expected) {
        return (value, field, rejectUnknownFields, out) -> {
            if (!holds.test(value)) {
                out.add(new Violation(field, "expected " + expected + ", got " + JsonShape.describe(value)));
            }
        };
    }

    private static boolean isInstant(String text) {
        try {
            DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An element of an array or a value of an object: present and not null, then its own shape. */
    private static void checkElement(ValueShape shape, JsonNode value, String field, boolean rejectUnknownFields,
                                     List<Violation> out) {
        if (value == null || value.isNull()) {
            out.add(new Violation(field, "must not be null"));
        } else {
            shape.check(value, field, rejectUnknownFields, out);
        }
    }

    record ListShape(ValueShape element) implements ValueShape {
        @Override
        public void check(JsonNode value, String field, boolean rejectUnknownFields, List<Violation> out) {
            if (!value.isArray()) {
                out.add(new Violation(field, "expected an array, got " + JsonShape.describe(value)));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkElement(element, value.get(i), field + "[" + i + "]", rejectUnknownFields, out);
            }
        }
    }

    record MapShape(ValueShape element) implements ValueShape {
        @Override
        public void check(JsonNode value, String field, boolean rejectUnknownFields, List<Violation> out) {
            if (!value.isObject()) {
                out.add(new Violation(field, "expected an object, got " + JsonShape.describe(value)));
                return;
            }
            value.fields().forEachRemaining(entry -> checkElement(element, entry.getValue(),
                    JsonShape.join(field, entry.getKey()), rejectUnknownFields, out));
        }
    }

    /** A {@link JsonEnum}: one of its JSON names, listed in declaration order when the value is not. */
    final class EnumShape implements ValueShape {
        private final Set<String> allowed;
        private final String expected;

        EnumShape(List<String> names) {
            this.allowed = Set.copyOf(names);
            this.expected = String.join(", ", names);
        }

        @Override
        public void check(JsonNode value, String field, boolean rejectUnknownFields, List<Violation> out) {
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                out.add(new Violation(field, "unknown value " + JsonShape.describe(value) + " (expected one of "
                        + expected + ")"));
            }
        }
    }
}
