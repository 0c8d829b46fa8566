package io.pinfold.events;

import io.pinfold.events.validation.FieldChecks;

/**
 * One event as it travels on Kafka: the record key, the CloudEvents attributes (headers) and the
 * data (JSON value). Build one with {@link #create}, then write it with
 * {@code io.pinfold.events.kafka.CloudEventHeaders} and {@code io.pinfold.events.kafka.EventCodec}.
 */
public record EventEnvelope<D extends EventData>(String key, EventMetadata metadata, D data) {

    public EventEnvelope {
        FieldChecks.start()
                .required("key", key).text("key", key, 2048)
                .required("metadata", metadata)
                .required("data", data)
                .orThrow();
        if (!metadata.type().dataClass().isInstance(data)) {
            throw new IllegalArgumentException("data: a " + data.getClass().getSimpleName()
                    + " cannot be the data of " + metadata.type().ceType());
        }
    }

    /**
     * A new event from {@code source} with an explicit key. Events whose key is one of their own fields (every
     * {@link SelfKeyedEvent}, pin events included) are better built with {@link #create(String, SelfKeyedEvent)}.
     */
    public static <D extends EventData> EventEnvelope<D> create(String source, String key, D data) {
        EventType type = EventType.of(data.getClass());
        return new EventEnvelope<>(key, EventMetadata.create(type, source, data.subject()), data);
    }

    /** A new event whose key is one of its own fields (pin, node, gc, notice and denylist events). */
    public static <D extends SelfKeyedEvent> EventEnvelope<D> create(String source, D data) {
        return create(source, data.recordKey(), data);
    }

    public static <D extends EventData> EventEnvelope<D> create(PinfoldSource source, String key, D data) {
        return create(source.uri(), key, data);
    }

    public static <D extends SelfKeyedEvent> EventEnvelope<D> create(PinfoldSource source, D data) {
        return create(source.uri(), data);
    }

    public EventType type() {
        return metadata.type();
    }

    /** The topic the event belongs on. */
    public Topic topic() {
        return metadata.type().topic();
    }
}
