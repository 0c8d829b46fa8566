package io.pinfold.events.kafka;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
import io.pinfold.events.EventType;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.events.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 Kafka binding, binary mode: the context attributes travel as {@code ce_} headers
 * (UTF-8 strings) and the data is the record value. With SmallRye Reactive Messaging, pass
 * {@code new RecordHeaders(write(metadata))} to {@code OutgoingKafkaRecordMetadata.withHeaders};
 * the connector adds {@code traceparent} itself, so {@link #write} only adds one the metadata carries.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** The binding maps {@code datacontenttype} to this header, not to a {@code ce_} one. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, as OpenTelemetry's Kafka instrumentation writes it. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event, in a stable order. */
    public static List<Header> write(EventMetadata metadata) {
        List<Header> headers = new ArrayList<>(writeRaw(metadata.id(), metadata.source(), metadata.type().ceType(),
                metadata.time(), metadata.subject()));
        if (metadata.traceparent() != null) {
            add(headers, TRACEPARENT, metadata.traceparent());
        }
        return List.copyOf(headers);
    }

    /**
     * The headers of an event known only by the text of its attributes, as the outbox relay writes them: it
     * carries rows without parsing their type, so a type this version does not know passes unchanged.
     */
    public static List<Header> writeRaw(String id, String source, String type, Instant time, String subject) {
        List<Header> headers = new ArrayList<>(7);
        add(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        add(headers, ID, id);
        add(headers, SOURCE, source);
        add(headers, TYPE, type);
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        if (subject != null) {
            add(headers, SUBJECT, subject);
        }
        add(headers, CONTENT_TYPE, APPLICATION_JSON);
        return List.copyOf(headers);
    }

    /**
     * The headers of a tombstone (null value on a compacted topic): {@code ce_id}, {@code ce_source} and
     * {@code ce_time}, so a consumer that deduplicates by (source, id) skips a redelivered removal as it skips a
     * redelivered event; no {@code ce_specversion}, {@code ce_type} or content type, since a tombstone is no
     * CloudEvent, only the removal of its key.
     */
    public static List<Header> writeTombstone(String id, String source, Instant time) {
        List<Header> headers = new ArrayList<>(3);
        add(headers, ID, id);
        add(headers, SOURCE, source);
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        return List.copyOf(headers);
    }

    public static List<Header> write(EventEnvelope<?> event) {
        return write(event.metadata());
    }

    /**
     * The metadata carried by {@code headers}.
     *
     * @throws InvalidEventException naming every missing or bad header
     */
    public static EventMetadata read(Iterable<Header> headers) {
        Reading reading = parse(headers);
        if (!reading.violations().isEmpty()) {
            throw new InvalidEventException(reading.violations());
        }
        return reading.metadata().orElseThrow();
    }

    /** What could be read from the headers, and what is wrong with them; never throws for bad input. */
    static Reading parse(Iterable<Header> headers) {
        Map<String, String> values = lastValues(headers);
        List<Violation> violations = new ArrayList<>();

        String specVersion = values.get(SPEC_VERSION);
        if (specVersion == null) {
            violations.add(missing(SPEC_VERSION));
        } else if (!SPEC_VERSION_1_0.equals(specVersion)) {
            violations.add(new Violation(SPEC_VERSION, "unsupported version " + Violation.quote(specVersion) + ", expected 1.0"));
        }

        String id = values.get(ID);
        if (id == null) {
            violations.add(missing(ID));
        }

        String source = values.get(SOURCE);
        if (source == null) {
            violations.add(missing(SOURCE));
        }

        String typeName = values.get(TYPE);
        EventType type = null;
        if (typeName == null) {
            violations.add(missing(TYPE));
        } else {
            type = EventType.fromCeType(typeName).orElse(null);
            if (type == null) {
                violations.add(new Violation(TYPE, "unknown type " + Violation.quote(typeName)
                        + " (Pinfold types look like io.pinfold.pin.requested)"));
            }
        }

        String timeText = values.get(TIME);
        Instant time = null;
        if (timeText == null) {
            violations.add(missing(TIME));
        } else {
            try {
                time = OffsetDateTime.parse(timeText, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                violations.add(new Violation(TIME, "not an RFC 3339 timestamp " + Violation.quote(timeText)
                        + " (e.g. 2026-01-31T12:00:00Z)"));
            }
        }

        checkContentType(values.get(CONTENT_TYPE)).ifPresent(violations::add);

        String subject = values.get(SUBJECT);
        EventMetadata metadata = null;
        if (violations.isEmpty()) {
            try {
                metadata = new EventMetadata(id, source, type, time, subject, values.get(TRACEPARENT));
            } catch (InvalidEventException e) {
                violations.addAll(e.violations());
            }
        }
        return new Reading(Optional.ofNullable(metadata), Optional.ofNullable(type),
                Optional.ofNullable(subject), List.copyOf(violations));
    }

    private static Optional<Violation> checkContentType(String contentType) {
        if (contentType == null) {
            return Optional.of(missing(CONTENT_TYPE));
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals(APPLICATION_JSON)) {
            return Optional.empty();
        }
        if (mediaType.startsWith("application/cloudevents")) {
            return Optional.of(new Violation(CONTENT_TYPE, Violation.quote(contentType) + " is CloudEvents structured mode; "
                    + "Pinfold uses binary mode: ce_ headers and application/json data"));
        }
        return Optional.of(new Violation(CONTENT_TYPE, "expected application/json, got " + Violation.quote(contentType)));
    }

    /** Kafka allows repeated header keys; as with {@code Headers.lastHeader}, the last one wins. */
    private static Map<String, String> lastValues(Iterable<Header> headers) {
        Map<String, String> values = new HashMap<>();
        if (headers == null) {
            return values;
        }
        for (Header header : headers) {
            String key = header.key();
            if (CONTENT_TYPE.equalsIgnoreCase(key)) {
                key = CONTENT_TYPE;
            }
            if (header.value() == null || header.value().length == 0) {
                values.remove(key);
            } else {
                values.put(key, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static Violation missing(String header) {
        return new Violation(header, "missing header");
    }

    private static void add(List<Header> headers, String key, String value) {
        headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The outcome of reading headers: metadata when they are valid, and whatever parts could be read. */
    record Reading(Optional<EventMetadata> metadata, Optional<EventType> type, Optional<String> subject,
                   List<Violation> violations) {
    }
}
