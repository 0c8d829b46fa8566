package io.pinfold.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One pending event row; written in the caller's transaction, read and deleted by the relay. */
@Entity
@Table(name = "outbox_event")
public class OutboxRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvents id: a UUID for Pinfold's own events, any non-empty text the spec allows. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** {@code ce_type}; null for a tombstone. */
    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_source", nullable = false)
    public String eventSource;

    public String subject;

    @Column(name = "event_time", nullable = false)
    public OffsetDateTime eventTime;

    /** The record value; null for a tombstone. */
    public String payload;

    public String traceparent;

    public String tracestate;
}
