package io.pinfold.pin.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.pin.PinRemovalReason;
import io.pinfold.events.pin.PinRemoved;
import io.pinfold.events.pin.PinReplaced;
import io.pinfold.events.pin.PinRequested;
import io.pinfold.events.validation.InvalidEventException;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.outbox.Outbox;
import io.pinfold.pin.admission.AdmissionRefused;
import io.pinfold.pin.admission.TenantAdmission;
import io.pinfold.pin.allocate.Allocation;
import io.pinfold.pin.denylist.BlockedContent;
import io.pinfold.pin.allocate.AllocationRequest;
import io.pinfold.pin.allocate.PinAllocator;
import io.pinfold.pin.allocate.ReplicationFactor;
import io.pinfold.pin.allocate.ReplicationPolicy;
import io.pinfold.pin.node.NodeCandidates;
import io.pinfold.pin.nodepin.NodePin;
import io.pinfold.pin.tenant.QuotaCheck;
import io.pinfold.pin.tenant.Tenant;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The writes of desired pin state, one code path for the Pinning Service API and for pin.requested events from outside
 * publishers: validate, lock the tenant and check its quota, resolve the replication factor, give the pin its unique
 * {@code created}, allocate nodes, insert desired_pin and its node_pin rows and, for pin-service's own requests,
 * append the event to the outbox. Every method runs inside the caller's transaction ({@code Panache.withTransaction}),
 * so the state and its event commit together. New pins (create, pin.requested) take the tenant's row lock in their last
 * statement ({@link NewPinStatement}: quota, created and the inserts in one), so one tenant's creates queue for that
 * statement and the commit only; removal and replacement lock the tenant first, then the outbox's key lock.
 */
@ApplicationScoped
public class PinRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuotaCheck quota;
    private final NodeCandidates nodes;
    private final PinAllocator allocator;
    private final ReplicationPolicy replication;
    private final Outbox outbox;
    private final BlockedContent blocked;
    private final TenantAdmission admission;

    public PinRequests(QuotaCheck quota, NodeCandidates nodes, PinAllocator allocator, ReplicationPolicy replication, Outbox outbox,
                       BlockedContent blocked, TenantAdmission admission) {
        this.blocked = blocked;
        this.admission = admission;
        this.quota = quota;
        this.nodes = nodes;
        this.allocator = allocator;
        this.replication = replication;
        this.outbox = outbox;
    }

    /** A pin placed: its request id and the factor it was placed with. */
    public record Placed(String pinId, ReplicationFactor factor) {
    }

    /**
     * {@code POST /pins}: a new pin for the token's tenant, announced as pin.requested. The tenant's row lock is taken
     * last ({@link NewPinStatement}), after the outbox row: its key is the new, random request id, which no other
     * transaction holds, so the order cannot deadlock.
     */
    public Uni<Placed> create(UUID tenantId, PinInput pin) {
        PinInput checked = pin.checked();
        String pinId = UUID.randomUUID().toString();
        return tenant(tenantId).chain(tenant -> placeNew(tenant, pinId, checked, null,
                factor -> outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE, requested(tenant, pinId, checked, factor)))));
    }

    /**
     * A pin.requested from an outside publisher: the same rules as {@link #create}, the tenant named by name, the
     * request id chosen by the publisher. The event is already on pinfold.pins, so nothing is appended. The same
     * request again (same id, tenant and content) is a no-op; an id taken by another pin is refused.
     *
     * @return the placed pin, or null when this request was applied before
     */
    public Uni<Placed> createRequested(PinRequested event) {
        PinInput checked = new PinInput(event.cid(), event.name(), event.origins(), event.meta()).checked();
        return Tenant.<Tenant>find("name", event.tenant()).firstResult()
                .chain(found -> {
                    if (found == null) {
                        throw new RequestRejected(404, "NOT_FOUND", "tenant: no tenant named '" + event.tenant() + "'");
                    }
                    return DesiredPin.<DesiredPin>findById(event.pinId()).chain(existing -> {
                        if (existing != null) {
                            if (existing.tenant.equals(found.name) && existing.multihash.equals(checked.parsedCid().multihash().toBase32())) {
                                return Uni.createFrom().nullItem();
                            }
                            throw RequestRejected.conflict("pinId", "'" + event.pinId() + "' is already the request id of another pin");
                        }
                        return placeNew(found, event.pinId(), checked, event.replication(), factor -> Uni.createFrom().voidItem());
                    });
                });
    }

    /** {@code DELETE /pins/{requestid}}: the pin is removed, its nodes may drop the content, pin.removed announces it. */
    public Uni<Void> remove(UUID tenantId, String pinId) {
        return lockedTenant(tenantId)
                .chain(tenant -> livePin(tenant, pinId)
                        .chain(pin -> retire(pin, "requested"))
                        .chain(pin -> {
                            tenant.usedPins = Math.max(0, tenant.usedPins - 1);
                            return outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                                    new PinRemoved(pin.pinId, tenant.name, pin.cid, PinRemovalReason.REQUESTED, null)));
                        }));
    }

    /**
     * {@code POST /pins/{requestid}}: one step that removes the pin and creates a new one with a new request id, on the
     * old pin's nodes where they can still take it (so blocks both pins share are never let go), announced by one
     * pin.replaced. The tenant's pin count does not change.
     */
    public Uni<Placed> replace(UUID tenantId, String pinId, PinInput pin) {
        PinInput checked = pin.checked();
        String newId = UUID.randomUUID().toString();
        return quota.admit(tenantId, 0, 0)
                .chain(tenant -> livePin(tenant, pinId)
                        .chain(old -> NodePin.<NodePin>list("pinId = ?1 and wanted = true", old.pinId)
                                .chain(holders -> place(tenant, newId, checked, null,
                                        holders.stream().map(row -> row.nodeId).collect(Collectors.toSet())))
                                .call(() -> retire(old, "replaced"))
                                .call(placed -> outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                                        new PinReplaced(newId, old.pinId, tenant.name, checked.cid(), old.cid, checked.name(),
                                                checked.origins(), checked.meta(), placed.factor().max()))))));
    }

    private Uni<Tenant> lockedTenant(UUID tenantId) {
        return Tenant.<Tenant>findById(tenantId, LockModeType.PESSIMISTIC_WRITE).map(tenant -> {
            if (tenant == null) {
                throw RequestRejected.notFound("no tenant with id '" + tenantId + "'");
            }
            return tenant;
        });
    }

    /** The tenant, read without a lock: its name and replication defaults (the quota is checked by the insert). */
    private static Uni<Tenant> tenant(UUID tenantId) {
        return Tenant.<Tenant>findById(tenantId).map(tenant -> {
            if (tenant == null) {
                throw tenantNotFound(tenantId);
            }
            return tenant;
        });
    }

    static RequestRejected tenantNotFound(UUID tenantId) {
        return RequestRejected.notFound("no tenant with id '" + tenantId + "'");
    }

    /**
     * A new pin (create, pin.requested): the reads that need no lock first (admission rules, node candidates), then {@code beforeInsert} (the outbox row), then {@link NewPinStatement}, which takes the tenant's
     * row lock, checks the quota and the denylist and inserts, as the transaction's last statement.
     */
    private Uni<Placed> placeNew(Tenant tenant, String pinId, PinInput pin, Integer requestedCopies,
                                 java.util.function.Function<ReplicationFactor, Uni<Void>> beforeInsert) {
        Span.current().setAttribute("pinfold.pin.id", pinId);
        ReplicationFactor factor = factorFor(tenant, pin.meta(), requestedCopies);
        String multihash = pin.parsedCid().multihash().toBase32();
        // Blocked content is refused by NewPinStatement itself (then refuseBlocked names the entry, 451).
        return refuseByRules(tenant, pin.cid())
                .chain(() -> nodes.all(Map.of()))
                .chain(candidates -> {
                    Allocation allocation = allocator.allocate(new AllocationRequest(OptionalLong.empty(), factor, Set.of(), Set.of()), candidates);
                    Map<String, String> info = new LinkedHashMap<>();
                    allocation.shortfall().ifPresent(shortfall -> info.put("status_details", shortfall));
                    NewPinStatement.NewPin row = new NewPinStatement.NewPin(pinId, pin.cid(), multihash, pin.name(), requestedCopies,
                            factor.min(), factor.max(), pin.origins(), pin.meta(), info, List.copyOf(allocation.nodeIds()));
                    return beforeInsert.apply(factor).chain(() -> NewPinStatement.insert(tenant.id, row,
                            () -> refuseBlocked(multihash).chain(() -> NewPinStatement.refuseByQuota(tenant.id))));
                })
                .replaceWith(new Placed(pinId, factor));
    }

    /** The tenant's pin with this request id, not removed; a 404 otherwise (another tenant's pin is not found either). */
    private static Uni<DesiredPin> livePin(Tenant tenant, String pinId) {
        return DesiredPin.<DesiredPin>find("pinId = ?1 and tenant = ?2 and removedAt is null", pinId, tenant.name).firstResult()
                .map(pin -> {
                    if (pin == null) {
                        throw notFound(pinId);
                    }
                    return pin;
                });
    }

    public static RequestRejected notFound(String pinId) {
        return RequestRejected.notFound("requestid: no pin with request id '" + pinId + "'");
    }

    /** Marks the pin removed and its node copies unwanted, due at once so the reconciler lets them go. */
    private static Uni<DesiredPin> retire(DesiredPin pin, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        pin.removedAt = now;
        pin.removalReason = reason;
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery("UPDATE node_pin SET wanted = false, next_attempt_at = :now, updated_at = :now "
                                        + "WHERE pin_id = :pinId AND wanted")
                                .setParameter("now", now)
                                .setParameter("pinId", pin.pinId)
                                .executeUpdate()))
                .replaceWith(pin);
    }

    private Uni<Placed> place(Tenant tenant, String pinId, PinInput pin, Integer requestedCopies, Set<String> holders) {
        Span.current().setAttribute("pinfold.pin.id", pinId);
        ReplicationFactor factor = factorFor(tenant, pin.meta(), requestedCopies);
        Cid cid = pin.parsedCid();
        String multihash = cid.multihash().toBase32();
        return refuseBlocked(multihash)
                .chain(() -> refuseByRules(tenant, pin.cid()))
                .chain(() -> nextCreated(tenant.name))
                .chain(created -> nodes.all(Map.of())
                        .chain(candidates -> {
                            Allocation allocation = allocator.allocate(
                                    new AllocationRequest(OptionalLong.empty(), factor, holders, Set.of()), candidates);
                            Map<String, String> info = new LinkedHashMap<>();
                            allocation.shortfall().ifPresent(shortfall -> info.put("status_details", shortfall));
                            return insert(tenant, pinId, pin, multihash, requestedCopies, factor, created, info)
                                    .chain(() -> Panache.getSession().chain(session -> session.persistAll(allocation.nodeIds().stream()
                                            .map(nodeId -> NodePin.allocate(pinId, nodeId, pin.cid(), multihash, created))
                                            .toArray())));
                        }))
                .replaceWith(new Placed(pinId, factor));
    }

    /**
     * Content on the denylist (matched by multihash, so no CID form gets around it) is never pinned: 451 with the
     * entry's reason, for REST and for events alike (an event is dead-lettered with the same words).
     */
    private Uni<Void> refuseBlocked(String multihash) {
        return blocked.findInSession(multihash).invoke(found -> found.ifPresent(block -> {
            throw new RequestRejected(451, "CONTENT_BLOCKED", "cid: the content is on the denylist ("
                    + (block.reason() == null ? "entry " + block.entryKey() : block.reason()) + ")");
        })).replaceWithVoid();
    }

    /**
     * The tenant's admission rules on the root CID (codec, hash function, allow-list): a refused request is answered 422
     * ADMISSION_REFUSED naming the rule over REST, and dead-lettered with the same words as an event.
     */
    private Uni<Void> refuseByRules(Tenant tenant, String cid) {
        return admission.contentRules(tenant.id).invoke(rules -> rules.checkRoot(cid).ifPresent(refusal -> {
            throw AdmissionRefused.of(refusal);
        })).replaceWithVoid();
    }

    /**
     * The tenant's default factor (or the service's), overridden by {@code meta.replicationMin/Max}, or by an event's
     * {@code replication} (that many copies), never above pinfold.replication.cap.
     */
    private ReplicationFactor factorFor(Tenant tenant, Map<String, String> meta, Integer requestedCopies) {
        ReplicationFactor fallback = tenant.replicationMin != null && tenant.replicationMax != null
                ? new ReplicationFactor(tenant.replicationMin, tenant.replicationMax)
                : replication.defaultFactor();
        if (meta.containsKey(ReplicationPolicy.META_MIN) || meta.containsKey(ReplicationPolicy.META_MAX)) {
            return replication.resolveFromMeta(fallback, meta);
        }
        if (requestedCopies != null) {
            try {
                return replication.resolve(fallback, requestedCopies, requestedCopies);
            } catch (InvalidEventException e) {
                throw new InvalidEventException("replication", "must be at most " + replication.cap()
                        + " (pinfold.replication.cap), was " + requestedCopies);
            }
        }
        return fallback;
    }

    /**
     * A replacing pin's {@code created} (the tenant's row is locked): the greater of now in whole milliseconds and the
     * tenant's newest created + 1 ms, recorded as the tenant's newest (V12), so created stays unique per tenant and
     * paging by it never skips a pin. New pins get theirs the same way in {@link NewPinStatement}.
     */
    private static Uni<OffsetDateTime> nextCreated(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                UPDATE tenant AS tn SET newest_created = greatest(date_trunc('milliseconds', clock_timestamp()),
                                       tn.newest_created + interval '1 millisecond',
                                       (SELECT max(d.requested_at) FROM desired_pin d WHERE d.tenant = tn.name) + interval '1 millisecond')
                                WHERE tn.name = :tenant
                                RETURNING CAST(floor(extract(epoch FROM tn.newest_created) * 1000) AS bigint)""", Long.class)
                        .setParameter("tenant", tenant)
                        .getSingleResult())
                .map(millis -> Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    /** JSON columns are bound as text and cast: the reactive client would send a String bound as jsonb as a JSON string. */
    private static Uni<Void> insert(Tenant tenant, String pinId, PinInput pin, String multihash, Integer requestedCopies,
                                    ReplicationFactor factor, OffsetDateTime created, Map<String, String> info) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO desired_pin (pin_id, tenant, cid, multihash, name, replication, replication_min, replication_max,
                                                 requested_at, status, origins, meta, info)
                        VALUES (:pinId, :tenant, :cid, :multihash, CAST(:name AS text), CAST(:replication AS integer), :min, :max,
                                :created, 'queued', CAST(CAST(:origins AS text) AS jsonb), CAST(CAST(:meta AS text) AS jsonb),
                                CAST(CAST(:info AS text) AS jsonb))""")
                .setParameter("pinId", pinId)
                .setParameter("tenant", tenant.name)
                .setParameter("cid", pin.cid())
                .setParameter("multihash", multihash)
                .setParameter("name", pin.name())
                .setParameter("replication", requestedCopies)
                .setParameter("min", factor.min())
                .setParameter("max", factor.max())
                .setParameter("created", created)
                .setParameter("origins", json(pin.origins()))
                .setParameter("meta", json(pin.meta()))
                .setParameter("info", json(info))
                .executeUpdate()).replaceWithVoid();
    }

    private static PinRequested requested(Tenant tenant, String pinId, PinInput pin, ReplicationFactor factor) {
        return new PinRequested(pinId, tenant.name, pin.cid(), pin.name(), pin.origins(), pin.meta(), factor.max());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
