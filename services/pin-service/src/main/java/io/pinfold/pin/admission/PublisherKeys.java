package io.pinfold.pin.admission;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.pin.tenant.AdminChanges;
import io.pinfold.pin.tenant.Tenants;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Registers, lists and revokes tenants' publisher keys (the admin API). */
@ApplicationScoped
public class PublisherKeys {
    private final AdminChanges changes;

    public PublisherKeys(AdminChanges changes) {
        this.changes = changes;
    }

    @WithSpan("publisher-key.register")
    public Uni<PublisherKeyView> register(UUID tenantId, PublisherKeyRegistration registration) {
        Span.current().setAttribute("pinfold.tenant.id", tenantId.toString());
        Ed25519Keys.Decoded decoded = Ed25519Keys.decode(registration.publicKey());
        if (decoded.problem() != null) {
            return Uni.createFrom().failure(RequestRejected.badRequest("publicKey", decoded.problem()));
        }
        PublisherKey key = new PublisherKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.publicKey = decoded.bytes();
        key.label = registration.label().strip();
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> Tenants.require(tenantId)
                        .chain(tenant -> PublisherKey.<PublisherKey>list("tenantId", tenantId))
                        .chain(existing -> {
                            if (existing.stream().anyMatch(other -> Arrays.equals(other.publicKey, key.publicKey))) {
                                throw RequestRejected.conflict("publicKey", "this key is already registered for the tenant (revoked keys stay registered)");
                            }
                            return key.<PublisherKey>persist();
                        }))
                .invoke(() -> changes.count("publisher-key.registered"))
                .map(PublisherKeyView::of);
    }

    public Uni<List<PublisherKeyView>> list(UUID tenantId) {
        return Panache.withSession(() -> Tenants.require(tenantId)
                        .chain(tenant -> PublisherKey.<PublisherKey>list("tenantId = ?1 order by createdAt", tenantId)))
                .map(keys -> keys.stream().map(PublisherKeyView::of).toList());
    }

    /** Its signatures are refused from now on; revoking a revoked key changes nothing. */
    @WithSpan("publisher-key.revoke")
    public Uni<PublisherKeyView> revoke(UUID tenantId, String keyId) {
        UUID id = parse(keyId);
        return Panache.withTransaction(() -> PublisherKey.<PublisherKey>findById(id).map(key -> {
                    if (key == null || !key.tenantId.equals(tenantId)) {
                        throw RequestRejected.notFound("no publisher key with id '" + keyId + "' for tenant '" + tenantId + "'");
                    }
                    if (key.revokedAt == null) {
                        key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        changes.count("publisher-key.revoked");
                    }
                    return key;
                }))
                .map(PublisherKeyView::of);
    }

    private static UUID parse(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.notFound("no publisher key with id '" + keyId + "'");
        }
    }
}
