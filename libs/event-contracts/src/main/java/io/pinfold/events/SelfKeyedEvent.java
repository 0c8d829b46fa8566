package io.pinfold.events;

/** An event whose Kafka key is one of its own fields: a node id, a notice id or a denylist entry key. */
public interface SelfKeyedEvent extends EventData {

    /** The Kafka record key for this event. */
    String recordKey();
}
