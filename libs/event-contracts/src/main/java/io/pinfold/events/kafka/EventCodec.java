package io.pinfold.events.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/**
 * Event data to and from JSON (the Kafka record value). Reading is strict about what matters
 * (unknown type, missing or mistyped fields, bad CIDs: an {@link InvalidEventException} naming each
 * field under {@code data.}) and tolerant of unknown fields, so producers can add optional ones.
 * Thread-safe; keep one instance.
 */
public final class EventCodec {

    private final ObjectMapper mapper = EventJson.mapper();
    private final JsonShape tolerantShape = new JsonShape(false);
    private final JsonShape strictShape = new JsonShape(true);

    /** The JSON value of {@code data}. */
    public byte[] encode(EventData data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public String encodeToString(EventData data) {
        return new String(encode(data), StandardCharsets.UTF_8);
    }

    /** The data of an event of {@code type} from its JSON value. */
    public EventData decode(EventType type, byte[] json) {
        return read(type, json, false);
    }

    public <D extends EventData> D decode(Class<D> dataClass, byte[] json) {
        return dataClass.cast(read(EventType.of(dataClass), json, false));
    }

    public <D extends EventData> D decode(Class<D> dataClass, String json) {
        return decode(dataClass, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A whole event from a Kafka record: its {@code ce_} headers, then its data. Does not check the
     * key against the data; use {@link EventValidator} for records from outside Pinfold.
     */
    public EventEnvelope<EventData> decode(String key, Iterable<Header> headers, byte[] value) {
        EventMetadata metadata = CloudEventHeaders.read(headers);
        return new EventEnvelope<>(key, metadata, decode(metadata.type(), value));
    }

    /** The JSON tree of {@code json}, or empty when it is not JSON. */
    Optional<JsonNode> readTree(byte[] json) {
        try {
            return json == null ? Optional.empty() : Optional.ofNullable(mapper.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    EventData read(EventType type, byte[] json, boolean rejectUnknownFields) {
        if (json == null) {
            throw new InvalidEventException("data", "missing: the record value is null");
        }
        if (json.length == 0) {
            throw new InvalidEventException("data", "missing: the record value is empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data", "not valid JSON: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonShape shape = rejectUnknownFields ? strictShape : tolerantShape;
        List<Violation> violations = shape.check(tree, type.dataClass());
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations).under("data");
        }
        try {
            return mapper.treeToValue(tree, type.dataClass());
        } catch (JsonMappingException e) {
            InvalidEventException invalid = findInvalid(e);
            if (invalid != null) {
                throw invalid.under(path(e));
            }
            throw new InvalidEventException(path(e), firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data", firstLine(e.getOriginalMessage()));
        }
    }

    private static InvalidEventException findInvalid(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEventException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** {@code data} plus Jackson's path to the failing value, e.g. {@code data.targets[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("data");
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
