package io.pinfold.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kafka topics of Pinfold (see DESIGN.md, "Events") and how each is created. */
public enum Topic {

    /** Desired pins: requests, removals, replacements; outside systems may publish pin.requested here. */
    PINS("pinfold.pins", Kind.LOG),
    /** Per-node pin progress from pin-service's reconciler. */
    PIN_STATUS("pinfold.pin-status", Kind.LOG),
    /** Kubo node registry; the latest event per node id is its current state. */
    NODES("pinfold.nodes", Kind.COMPACTED),
    /** Garbage-collection runs, keyed by node id. */
    GC("pinfold.gc", Kind.LOG),
    /** Takedown notices and their review. */
    TAKEDOWNS("pinfold.takedowns", Kind.LOG),
    /** The denylist; an entry's latest record is its state and a tombstone (null value) removes it. */
    DENYLIST("pinfold.denylist", Kind.COMPACTED),
    /** Resolutions of the tenants' follow lists (IPNS names and DNSLink domains kept pinned as they change), keyed by entry id. */
    FOLLOWS("pinfold.follows", Kind.LOG),
    /** Records of pinfold.pins a consumer refused (broke the contract, or kept failing), with the reason in a header. */
    PINS_DEAD_LETTER("pinfold.pins.dlq", Kind.DEAD_LETTER),
    /** Records of pinfold.nodes a consumer refused (broke the contract, or kept failing), with the reason in a header. */
    NODES_DEAD_LETTER("pinfold.nodes.dlq", Kind.DEAD_LETTER),
    /** Records of pinfold.pin-status a consumer refused (broke the contract, or kept failing), with the reason in a header. */
    PIN_STATUS_DEAD_LETTER("pinfold.pin-status.dlq", Kind.DEAD_LETTER),
    /** Records of pinfold.denylist that pin-service refused (broke the contract, or kept failing), with the reason in a header. */
    DENYLIST_DEAD_LETTER("pinfold.denylist.dlq", Kind.DEAD_LETTER);

    /** Default partition count of event topics: room for 6 consumers per group. */
    public static final int DEFAULT_PARTITIONS = 6;
    /** The local stack runs one broker. */
    public static final short DEFAULT_REPLICATION = 1;

    private static final String SEVEN_DAYS_MS = "604800000";
    private static final String THIRTY_DAYS_MS = "2592000000";
    private static final String ONE_DAY_MS = "86400000";
    private static final String ONE_HOUR_MS = "3600000";

    /** How long records stay and what the log keeps. */
    public enum Kind {
        /** Time-retained event log (7 days). */
        LOG,
        /** Keeps the latest record per key forever; null values delete the key. */
        COMPACTED,
        /** Time-retained (30 days) store of rejected records for an operator to inspect and replay. */
        DEAD_LETTER
    }

    private final String topicName;
    private final Kind kind;

    Topic(String topicName, Kind kind) {
        this.topicName = topicName;
        this.kind = kind;
    }

    /** The Kafka topic name, e.g. {@code pinfold.pins}. */
    public String topicName() {
        return topicName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCompacted() {
        return kind == Kind.COMPACTED;
    }

    /**
     * The topic where consumers put records of this topic that they refuse (broken contract, or a failure that
     * outlasted the retries), if it has one: always named {@code <topic>.dlq}.
     */
    public Optional<Topic> deadLetterTopic() {
        return kind == Kind.DEAD_LETTER ? Optional.empty() : byName(topicName + ".dlq");
    }

    /** The event types carried by this topic (none for a dead-letter topic: it carries anything). */
    public List<EventType> eventTypes() {
        return Arrays.stream(EventType.values()).filter(type -> type.topic() == this).toList();
    }

    /** Creation spec with the defaults: 6 partitions (1 for a dead-letter topic), replication 1. */
    public TopicSpec spec() {
        return switch (kind) {
            case LOG -> new TopicSpec(topicName, DEFAULT_PARTITIONS, DEFAULT_REPLICATION,
                    Map.of("cleanup.policy", "delete", "retention.ms", SEVEN_DAYS_MS));
            // Tombstones stay a day so a consumer that was behind still sees the removal; hourly
            // segments let compaction reach recent records (the active segment is never compacted).
            case COMPACTED -> new TopicSpec(topicName, DEFAULT_PARTITIONS, DEFAULT_REPLICATION,
                    Map.of("cleanup.policy", "compact", "delete.retention.ms", ONE_DAY_MS,
                            "segment.ms", ONE_HOUR_MS));
            case DEAD_LETTER -> new TopicSpec(topicName, 1, DEFAULT_REPLICATION,
                    Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS));
        };
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(topic -> topic.topicName.equals(topicName)).findFirst();
    }

    /** Every topic's creation spec, in declaration order. */
    public static List<TopicSpec> allSpecs() {
        return Arrays.stream(values()).map(Topic::spec).toList();
    }
}
