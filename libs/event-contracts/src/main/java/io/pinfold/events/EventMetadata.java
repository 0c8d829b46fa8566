package io.pinfold.events;

import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents 1.0 context attributes of one event, as carried by the {@code ce_} headers.
 * {@code specversion} is always 1.0 and {@code datacontenttype} always application/json, so
 * neither is stored.
 *
 * @param id          {@code ce_id}: any non-empty string (CloudEvents 1.0); Pinfold's producers use UUIDs. Unique
 *                    per {@code source}: consumers deduplicate on (source, id), as the spec defines uniqueness
 * @param source      {@code ce_source}: URI reference of the producer, e.g. {@code /pinfold/pin-service}
 * @param type        {@code ce_type}
 * @param time        {@code ce_time}: when the change happened (not when it was relayed)
 * @param subject     {@code ce_subject}: what the event is about; may be null on events read from outside
 * @param traceparent W3C trace context, when the event carries one; null otherwise
 */
public record EventMetadata(String id, String source, EventType type, Instant time, String subject,
                            String traceparent) {

    /** CloudEvents sets no limit; Pinfold caps ids so a (source, id) pair always fits an index entry. */
    public static final int MAX_ID_LENGTH = 512;

    public EventMetadata {
        FieldChecks checks = FieldChecks.start().required("ce_id", id);
        if (id != null && id.isEmpty()) {
            checks.add("ce_id", "must not be empty");
        } else if (id != null && id.length() > MAX_ID_LENGTH) {
            checks.add("ce_id", "must be at most " + MAX_ID_LENGTH + " characters, was " + id.length());
        }
        checks
                .required("ce_source", source).text("ce_source", source, 512)
                .required("ce_type", type)
                .required("ce_time", time)
                .text("ce_subject", subject, 2048);
        if (source != null && !source.isBlank() && !isUriReference(source)) {
            checks.add("ce_source", "not a URI reference " + Violation.quote(source));
        }
        checks.orThrow();
    }

    /** Metadata for a new event happening now, with a fresh id. */
    public static EventMetadata create(EventType type, String source, String subject) {
        return new EventMetadata(UUID.randomUUID().toString(), source, type, Instant.now(), subject, null);
    }

    public EventMetadata withTime(Instant time) {
        return new EventMetadata(id, source, type, time, subject, traceparent);
    }

    public EventMetadata withTraceparent(String traceparent) {
        return new EventMetadata(id, source, type, time, subject, traceparent);
    }

    static boolean isUriReference(String value) {
        try {
            new URI(value);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
