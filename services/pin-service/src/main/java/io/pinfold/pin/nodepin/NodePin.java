package io.pinfold.pin.nodepin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One pin request allocated to one node (table node_pin): the unit of reconcile work. The API/event path creates
 * it (wanted) and flips {@link #wanted} off on removal; the reconciler owns the rest. See V5 for the rules.
 */
@Entity
@Table(name = "node_pin")
@IdClass(NodePin.Key.class)
public class NodePin extends PanacheEntityBase {
    @Id
    @Column(name = "pin_id")
    public String pinId;

    @Id
    @Column(name = "node_id")
    public String nodeId;

    @Column(nullable = false)
    public String multihash;

    @Column(nullable = false)
    public String cid;

    @Column(nullable = false)
    public boolean wanted = true;

    @Column(nullable = false)
    @Convert(converter = NodePinStatusColumn.class)
    public NodePinStatus status = NodePinStatus.QUEUED;

    @Column(name = "blocks_fetched")
    public Long blocksFetched;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "allocated_at", nullable = false)
    public OffsetDateTime allocatedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The trace of the request that allocated it (W3C traceparent), continued by the reconciler's work on it. */
    @Column(name = "traceparent")
    public String traceparent;

    /** A new wanted row, due at once, carrying the current trace. */
    public static NodePin allocate(String pinId, String nodeId, String cid, String multihash, OffsetDateTime at) {
        NodePin row = new NodePin();
        row.pinId = pinId;
        row.nodeId = nodeId;
        row.cid = cid;
        row.multihash = multihash;
        row.nextAttemptAt = at;
        row.allocatedAt = at;
        row.updatedAt = at;
        row.traceparent = TraceParent.current();
        return row;
    }

    /** The composite primary key (pin_id, node_id). */
    public static class Key implements Serializable {
        public String pinId;
        public String nodeId;

        public Key() {
        }

        public Key(String pinId, String nodeId) {
            this.pinId = pinId;
            this.nodeId = nodeId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pinId, key.pinId) && Objects.equals(nodeId, key.nodeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pinId, nodeId);
        }
    }
}
