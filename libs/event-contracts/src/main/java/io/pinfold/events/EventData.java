package io.pinfold.events;

/**
 * The data of one Pinfold event: a record serialised as the JSON value of a Kafka record.
 * Records validate themselves on construction and throw
 * {@link io.pinfold.events.validation.InvalidEventException} naming every bad field.
 */
public interface EventData {

    /** The CloudEvents {@code subject}: what the event is about (a CID, node id, run id, notice id or rule). */
    String subject();
}
