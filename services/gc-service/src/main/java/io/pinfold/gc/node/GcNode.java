package io.pinfold.gc.node;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A Kubo node as gc-service last heard of it on pinfold.nodes. */
@Entity
@Table(name = "gc_node")
public class GcNode extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "peer_id", nullable = false)
    public String peerId;

    @Column(name = "rpc_url", nullable = false)
    public String rpcUrl;

    /** Needed to publish a drain that stands alone on the compacted topic; null until the node's next record. */
    @Column(name = "gateway_url")
    public String gatewayUrl;

    @Column(nullable = false)
    public String state;

    /** JSON array, as last registered; null when unknown. */
    @Column(name = "swarm_addresses")
    public String swarmAddresses;

    @Column(name = "kubo_version")
    public String kuboVersion;

    public String region;

    public String zone;

    @Column(name = "capacity_bytes")
    public Long capacityBytes;

    /** JSON object, as last registered; null when unknown. */
    public String tags;

    @Column(name = "announced_at", nullable = false)
    public OffsetDateTime announcedAt;
}
