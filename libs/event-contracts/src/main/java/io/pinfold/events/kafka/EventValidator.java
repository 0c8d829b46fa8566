package io.pinfold.events.kafka;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.PinEvent;
import io.pinfold.events.SelfKeyedEvent;
import io.pinfold.events.Topic;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The gate for records consumed from a topic that outside systems may write (pinfold.pins): checks
 * headers, type-for-topic, data (rejecting unknown fields, unlike {@link EventCodec#decode}), key
 * and subject, and reports every violation. It never throws on bad input, so a consumer can send
 * the record to the dead-letter topic with {@link Validation.Rejected#reason()} and carry on.
 */
public final class EventValidator {

    private final EventCodec codec;

    public EventValidator() {
        this(new EventCodec());
    }

    public EventValidator(EventCodec codec) {
        this.codec = codec;
    }

    public Validation validate(ConsumerRecord<String, byte[]> record) {
        Optional<Topic> topic = Topic.byName(record.topic());
        if (topic.isEmpty()) {
            return new Validation.Rejected(List.of(new Violation("topic",
                    Violation.quote(record.topic()) + " is not a Pinfold topic")));
        }
        return validate(topic.get(), record.key(), record.headers(), record.value());
    }

    public Validation validate(Topic topic, String key, Iterable<Header> headers, String value) {
        return validate(topic, key, headers, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Validates one record consumed from {@code topic}; never throws. */
    public Validation validate(Topic topic, String key, Iterable<Header> headers, byte[] value) {
        try {
            return check(topic, key, headers, value);
        } catch (RuntimeException e) {
            // A record must never stop the consumer: whatever slipped through goes to the dead-letter topic.
            return new Validation.Rejected(List.of(new Violation("value", "could not be read: " + e)));
        }
    }

    private Validation check(Topic topic, String key, Iterable<Header> headers, byte[] value) {
        boolean keyMissing = key == null || key.isBlank();
        if (value == null) {
            if (!topic.isCompacted()) {
                return new Validation.Rejected(List.of(new Violation("value",
                        "missing (a tombstone); only compacted topics accept tombstones")));
            }
            return keyMissing
                    ? new Validation.Rejected(List.of(new Violation("key",
                    "missing; a tombstone needs the key of the entry it removes")))
                    : new Validation.Removal(key);
        }

        CloudEventHeaders.Reading headerReading = CloudEventHeaders.parse(headers);
        List<Violation> violations = new ArrayList<>(headerReading.violations());
        Optional<EventType> type = headerReading.type();
        if (type.isPresent() && type.get().topic() != topic) {
            violations.add(new Violation(CloudEventHeaders.TYPE, "'" + type.get().ceType() + "' is not published on "
                    + topic.topicName() + " (accepted there: " + acceptedTypes(topic) + ")"));
        }
        if (keyMissing) {
            violations.add(new Violation("key", "missing"
                    + type.map(t -> " (expected " + keyDescription(t) + ")").orElse("")));
        }

        EventData data = null;
        if (type.isPresent()) {
            try {
                data = codec.read(type.get(), value, true);
            } catch (InvalidEventException e) {
                violations.addAll(e.violations());
            }
        }
        Optional<String> expectedKey = data != null ? Optional.of(expectedKey(data))
                : type.flatMap(t -> keyFromRawPinId(t, value));
        if (!keyMissing && expectedKey.isPresent() && !key.equals(expectedKey.get())) {
            violations.add(new Violation("key", Violation.quote(key) + " is not " + keyDescription(type.get())
                    + " (expected '" + expectedKey.get() + "')"));
        }
        String subject = headerReading.subject().orElse(null);
        if (data != null && subject != null && !subject.equals(data.subject())) {
            violations.add(new Violation(CloudEventHeaders.SUBJECT, Violation.quote(subject)
                    + " does not match the data (expected '" + data.subject() + "')"));
        }

        if (!violations.isEmpty()) {
            return new Validation.Rejected(violations);
        }
        EventMetadata metadata = headerReading.metadata().orElseThrow();
        try {
            return new Validation.Accepted(new EventEnvelope<>(key, metadata, data));
        } catch (InvalidEventException e) {
            return new Validation.Rejected(e.violations());
        }
    }

    /** The Kafka key an event with this data must carry. */
    public static String expectedKey(EventData data) {
        if (data instanceof SelfKeyedEvent keyed) {
            return keyed.recordKey();
        }
        throw new IllegalStateException("no key rule for " + data.getClass().getName());
    }

    /** A wrong key is worth reporting even when other fields are bad, as long as data.pinId is readable. */
    private Optional<String> keyFromRawPinId(EventType type, byte[] value) {
        if (!PinEvent.class.isAssignableFrom(type.dataClass())) {
            return Optional.empty();
        }
        return codec.readTree(value)
                .map(tree -> tree.path("pinId"))
                .filter(pinId -> pinId.isTextual() && !pinId.asText().isBlank())
                .map(pinId -> pinId.asText());
    }

    private static String keyDescription(EventType type) {
        Class<? extends EventData> dataClass = type.dataClass();
        if (PinEvent.class.isAssignableFrom(dataClass)) {
            return "data.pinId (the pin's request id)";
        }
        return switch (type.topic()) {
            case NODES, GC -> "data.nodeId";
            case TAKEDOWNS -> "data.noticeId";
            case DENYLIST -> "the entry key of the denylist entry";
            default -> "the key of " + type.ceType();
        };
    }

    private static String acceptedTypes(Topic topic) {
        List<EventType> types = topic.eventTypes();
        return types.isEmpty() ? "none" : types.stream().map(EventType::ceType).collect(Collectors.joining(", "));
    }
}
