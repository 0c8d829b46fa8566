package io.pinfold.pin.node;

import io.pinfold.events.node.NodeState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A Kubo data node in the registry, identified by the operator's name for it. */
@Entity
@Table(name = "kubo_node")
public class KuboNode extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "peer_id", nullable = false)
    public String peerId;

    @Column(name = "rpc_url", nullable = false)
    public String rpcUrl;

    @Column(name = "gateway_url", nullable = false)
    public String gatewayUrl;

    @Convert(converter = NodeStateColumn.class)
    @Column(nullable = false)
    public NodeState state;

    @Column(name = "kubo_version")
    public String kuboVersion;

    public String region;

    public String zone;

    @Column(name = "capacity_bytes")
    public Long capacityBytes;

    /** See {@link NodeTags}: "k1=v1,k2=v2", sorted by key, "" for none. */
    @Column(nullable = false)
    public String tags = "";

    /** The swarm multiaddrs it reported (each ending in /p2p/&lt;peer id&gt;), space-separated; "" when none. */
    @Column(name = "swarm_addresses", nullable = false)
    public String swarmAddresses = "";

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
