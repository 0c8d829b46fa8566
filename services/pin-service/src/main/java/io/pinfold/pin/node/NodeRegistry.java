package io.pinfold.pin.node;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.node.PlacementFields;
import io.pinfold.events.validation.FieldChecks;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.kubo.node.IdInfo;
import io.pinfold.outbox.Outbox;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The registry of Kubo nodes. Registering asks the node who it is, stores it and announces it on
 * pinfold.nodes through the outbox; registering the same node again with nothing changed announces nothing.
 */
@ApplicationScoped
public class NodeRegistry {
    private final KuboClients kubo;
    private final Outbox outbox;

    public NodeRegistry(KuboClients kubo, Outbox outbox) {
        this.kubo = kubo;
        this.outbox = outbox;
    }

    /** Registers a node, or replaces a registered node's whole description (placement included). */
    @WithSpan("node.register")
    public Uni<NodeView> register(NodeRegistration registration) {
        return register(registration, false);
    }

    /**
     * Registers a node named in configuration. Configuration names only URLs and maybe a zone, so whatever it
     * leaves out (region, capacity, tags, and the zone when none is configured) keeps what an operator set over the API.
     */
    @WithSpan("node.register-configured")
    Uni<NodeView> registerConfigured(NodeRegistration registration) {
        return register(registration, true);
    }

    private Uni<NodeView> register(NodeRegistration registration, boolean keepUnset) {
        String id = registration.id();
        Span.current().setAttribute("pinfold.node.id", id);
        FieldChecks checks = FieldChecks.start();
        URI rpcUrl = NodeUrls.check(checks, "rpcUrl", registration.rpcUrl());
        URI gatewayUrl = NodeUrls.check(checks, "gatewayUrl", registration.gatewayUrl());
        PlacementFields.check(checks, registration.region(), registration.zone(), registration.capacityBytes(), registration.tags());
        if (!checks.violations().isEmpty()) {
            return Uni.createFrom().failure(new RequestRejected(400, "BAD_REQUEST", InvalidEventException.describe(checks.violations())));
        }
        return identify(rpcUrl)
                .chain(identity -> Panache.withTransaction(() -> store(registration, rpcUrl, gatewayUrl, identity, keepUnset)))
                .map(NodeView::of);
    }

    public Uni<List<NodeView>> list() {
        return Panache.withSession(() -> KuboNode.<KuboNode>listAll())
                .map(nodes -> nodes.stream().map(NodeView::of).toList());
    }

    public Uni<NodeView> get(String id) {
        return Panache.withSession(() -> KuboNode.<KuboNode>findById(id))
                .map(node -> {
                    if (node == null) {
                        throw RequestRejected.notFound("no node with id '" + id + "'");
                    }
                    return NodeView.of(node);
                });
    }

    /**
     * Moves a node to {@code state} and announces it (node.state-changed on pinfold.nodes) in the caller's
     * transaction; answers false, announcing nothing, when the node is unknown or already in that state.
     */
    public Uni<Boolean> changeState(String id, NodeState state, String reason) {
        return KuboNode.<KuboNode>findById(id).chain(node -> {
            if (node == null || node.state == state) {
                return Uni.createFrom().item(false);
            }
            NodeState previous = node.state;
            node.state = state;
            node.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            String shortReason = reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1021) + "...";
            return outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE, new NodeStateChanged(node.id, node.peerId,
                            node.rpcUrl, node.gatewayUrl, state, previous, shortReason, null)))
                    .replaceWith(true);
        });
    }

    private Uni<IdInfo> identify(URI rpcUrl) {
        return kubo.forNode(rpcUrl).id()
                .onFailure().transform(failure -> RequestRejected.unprocessable("rpcUrl",
                        "the Kubo node at " + rpcUrl + " did not answer: " + failure.getMessage()));
    }

    private Uni<KuboNode> store(NodeRegistration registration, URI rpcUrl, URI gatewayUrl, IdInfo identity, boolean keepUnset) {
        String id = registration.id();
        return KuboNode.<KuboNode>find("peerId = ?1 and id <> ?2", identity.peerId(), id).firstResult()
                .chain(other -> {
                    if (other != null) {
                        throw RequestRejected.conflict("rpcUrl", "the node there (peer " + identity.peerId()
                                + ") is already registered as '" + other.id + "'");
                    }
                    return KuboNode.<KuboNode>findById(id);
                })
                .chain(existing -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    KuboNode node = existing != null ? existing : newNode(id, now);
                    String version = kuboVersion(identity.agentVersion());
                    String region = keep(keepUnset, registration.region(), node.region);
                    String zone = keep(keepUnset, registration.zone(), node.zone);
                    Long capacity = keep(keepUnset, registration.capacityBytes(), node.capacityBytes);
                    String tags = keepUnset && registration.tags() == null ? node.tags : NodeTags.format(registration.tags());
                    String swarm = swarmAddresses(identity);
                    boolean changed = existing == null
                            || !Objects.equals(node.peerId, identity.peerId())
                            || !Objects.equals(node.rpcUrl, rpcUrl.toString())
                            || !Objects.equals(node.gatewayUrl, gatewayUrl.toString())
                            || !Objects.equals(node.kuboVersion, version)
                            || !Objects.equals(node.region, region)
                            || !Objects.equals(node.zone, zone)
                            || !Objects.equals(node.capacityBytes, capacity)
                            || !Objects.equals(node.tags, tags)
                            || !Objects.equals(node.swarmAddresses, swarm);
                    if (!changed) {
                        return Uni.createFrom().item(node);
                    }
                    node.peerId = identity.peerId();
                    node.rpcUrl = rpcUrl.toString();
                    node.gatewayUrl = gatewayUrl.toString();
                    node.kuboVersion = version;
                    node.region = region;
                    node.zone = zone;
                    node.capacityBytes = capacity;
                    node.tags = tags;
                    node.swarmAddresses = swarm;
                    node.updatedAt = now;
                    return node.<KuboNode>persist()
                            .call(saved -> outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE, registered(saved, identity))));
                });
    }

    private static <T> T keep(boolean keepUnset, T given, T current) {
        return keepUnset && given == null ? current : given;
    }

    private static KuboNode newNode(String id, OffsetDateTime now) {
        KuboNode node = new KuboNode();
        node.id = id;
        node.state = NodeState.ACTIVE;
        node.registeredAt = now;
        return node;
    }

    private static NodeRegistered registered(KuboNode node, IdInfo identity) {
        return new NodeRegistered(node.id, node.peerId, node.rpcUrl, node.gatewayUrl, identity.addresses(),
                node.kuboVersion, node.state, node.region, node.zone, node.capacityBytes, NodeTags.parse(node.tags));
    }

    /** The node's swarm addresses as the API's delegates want them: each ending in /p2p/&lt;peer id&gt;. */
    static String swarmAddresses(IdInfo identity) {
        if (identity.addresses() == null) {
            return "";
        }
        String suffix = "/p2p/" + identity.peerId();
        return String.join(" ", identity.addresses().stream()
                .filter(address -> address != null && !address.isBlank() && !address.contains(" "))
                .map(address -> address.endsWith(suffix) ? address : address + suffix)
                .distinct()
                .sorted() // Kubo lists them in no fixed order: unsorted, every re-registration would look like a change
                .toList());
    }

    /** "kubo/0.43.1/desktop" → "0.43.1"; anything else is kept as the node said it. */
    static String kuboVersion(String agentVersion) {
        if (agentVersion == null) {
            return null;
        }
        String[] parts = agentVersion.split("/");
        return parts.length >= 2 && parts[0].equals("kubo") ? parts[1] : agentVersion;
    }
}
