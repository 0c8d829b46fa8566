package io.pinfold.events;

import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.follow.FollowResolved;
import io.pinfold.events.gc.GcCompleted;
import io.pinfold.events.gc.GcFailed;
import io.pinfold.events.gc.GcPlanned;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.events.gc.GcStarted;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.pin.PinRemoved;
import io.pinfold.events.pin.PinReplaced;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.events.takedown.NoticeDecided;
import io.pinfold.events.takedown.NoticeReceived;
import io.pinfold.events.takedown.NoticeRestored;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every Pinfold event type. The CloudEvents {@code type} is {@value #PREFIX} + the short name, e.g.
 * {@code io.pinfold.pin.requested}; its JSON Schema is {@code schemas/<short name>.json} on the
 * class path. Data changes are additive (new optional fields); a breaking change gets a new type
 * with a {@code .v2} suffix, published beside the old one until its consumers have moved.
 */
public enum EventType {

    PIN_REQUESTED("pin.requested", Topic.PINS, PinRequested.class),
    PIN_REMOVED("pin.removed", Topic.PINS, PinRemoved.class),
    PIN_REPLACED("pin.replaced", Topic.PINS, PinReplaced.class),
    PIN_STATUS_CHANGED("pin.status-changed", Topic.PIN_STATUS, PinStatusChanged.class),
    NODE_REGISTERED("node.registered", Topic.NODES, NodeRegistered.class),
    NODE_STATE_CHANGED("node.state-changed", Topic.NODES, NodeStateChanged.class),
    GC_PLANNED("gc.planned", Topic.GC, GcPlanned.class),
    GC_STARTED("gc.started", Topic.GC, GcStarted.class),
    GC_PROGRESS("gc.progress", Topic.GC, GcProgress.class),
    GC_COMPLETED("gc.completed", Topic.GC, GcCompleted.class),
    GC_FAILED("gc.failed", Topic.GC, GcFailed.class),
    NOTICE_RECEIVED("notice.received", Topic.TAKEDOWNS, NoticeReceived.class),
    NOTICE_DECIDED("notice.decided", Topic.TAKEDOWNS, NoticeDecided.class),
    NOTICE_RESTORED("notice.restored", Topic.TAKEDOWNS, NoticeRestored.class),
    DENYLIST_ENTRY_ADDED("denylist.entry-added", Topic.DENYLIST, DenylistEntryAdded.class),
    FOLLOW_RESOLVED("follow.resolved", Topic.FOLLOWS, FollowResolved.class);

    /** Prefix of every CloudEvents type Pinfold defines. */
    public static final String PREFIX = "io.pinfold.";

    private final String shortName;
    private final String ceType;
    private final Topic topic;
    private final Class<? extends EventData> dataClass;

    EventType(String shortName, Topic topic, Class<? extends EventData> dataClass) {
        this.shortName = shortName;
        this.ceType = PREFIX + shortName;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The name used in docs and schema file names, e.g. {@code pin.requested}. */
    public String shortName() {
        return shortName;
    }

    /** The value of the {@code ce_type} header, e.g. {@code io.pinfold.pin.requested}. */
    public String ceType() {
        return ceType;
    }

    /** The topic this type is published on. */
    public Topic topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Class-path location of the JSON Schema (draft 2020-12) of the data. */
    public String schemaResource() {
        return "schemas/" + shortName + ".json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType == null ? null : Lookup.BY_CE_TYPE.get(ceType));
    }

    /** The type whose data class is {@code dataClass}. */
    public static EventType of(Class<? extends EventData> dataClass) {
        EventType type = dataClass == null ? null : Lookup.BY_DATA_CLASS.get(dataClass);
        if (type == null) {
            throw new IllegalArgumentException(dataClass.getName() + " is not the data class of any event type");
        }
        return type;
    }

    @Override
    public String toString() {
        return ceType();
    }

    /** Built once: both lookups run on every decoded record. (An enum cannot read its own static fields while its
     * constants are being constructed, hence the holder.) */
    private static final class Lookup {
        private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::ceType, type -> type));
        private static final Map<Class<? extends EventData>, EventType> BY_DATA_CLASS = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::dataClass, type -> type));
    }
}
