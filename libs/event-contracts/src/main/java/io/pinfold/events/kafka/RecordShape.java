package io.pinfold.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.events.OptionalField;
import io.pinfold.events.validation.Violation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The shape of one data record class, read by reflection once per class (the first decode of its type) and kept:
 * each component's name, whether it is {@link OptionalField}, and the compiled check of its value. Reflection per
 * decode (fresh {@code RecordComponent}s, their generic types and annotations parsed again) was most of a decode's
 * cost. Immutable, so shared by every codec and thread.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> recordType) {
            return new RecordShape(recordType);
        }
    };

    private final Component[] components;
    private final Set<String> names;
    private final String expectedNames;

    private RecordShape(Class<?> recordType) {
        RecordComponent[] reflected = recordType.getRecordComponents();
        if (reflected == null) {
            throw new IllegalArgumentException(recordType.getName() + " is not a record");
        }
        this.components = Arrays.stream(reflected)
                .map(c -> new Component(c.getName(), c.isAnnotationPresent(OptionalField.class),
                        ValueShape.of(c.getGenericType())))
                .toArray(Component[]::new);
        List<String> declared = Arrays.stream(components).map(Component::name).toList();
        this.names = Set.copyOf(declared);
        this.expectedNames = String.join(", ", declared);
    }

    static RecordShape of(Class<?> recordType) {
        return SHAPES.get(recordType);
    }

    /** Adds the violations of {@code node} against this record at {@code path} ("" for the data itself). */
    void check(JsonNode node, String path, boolean rejectUnknownFields, List<Violation> out) {
        if (!node.isObject()) {
            out.add(new Violation(path, "expected a JSON object, got " + JsonShape.describe(node)));
            return;
        }
        for (Component component : components) {
            String field = JsonShape.join(path, component.name());
            JsonNode value = node.get(component.name());
            if (value == null || value.isNull()) {
                if (!component.optional()) {
                    out.add(new Violation(field, "required"));
                }
                continue;
            }
            component.value().check(value, field, rejectUnknownFields, out);
        }
        if (rejectUnknownFields) {
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                String name = fields.next();
                if (!names.contains(name)) {
                    out.add(new Violation(JsonShape.join(path, name), "unknown field (expected one of " + expectedNames + ")"));
                }
            }
        }
    }

    private record Component(String name, boolean optional, ValueShape value) {
    }
}
