package io.pinfold.pin.tenant;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.runtime.rest.RequestRejected;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Creates tenants, lists them and sets their quotas. */
@ApplicationScoped
public class Tenants {
    private final AdminChanges changes;
    private final io.pinfold.pin.allocate.ReplicationPolicy replication;

    public Tenants(AdminChanges changes, io.pinfold.pin.allocate.ReplicationPolicy replication) {
        this.changes = changes;
        this.replication = replication;
    }

    @WithSpan("tenant.create")
    public Uni<TenantView> create(TenantCreation creation) {
        Span.current().setAttribute("pinfold.tenant.name", creation.name());
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = creation.name();
        tenant.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        tenant.quotaPins = creation.quotaPins();
        tenant.quotaBytes = creation.quotaBytes();
        // Check, then rely on the unique constraint for the race between two creations of one name.
        return Panache.withTransaction(() -> Tenant.count("name", creation.name())
                        .chain(existing -> {
                            if (existing > 0) {
                                throw duplicate(creation.name());
                            }
                            return tenant.<Tenant>persist();
                        }))
                .onFailure(Tenants::uniqueViolation).transform(failure -> duplicate(creation.name()))
                .invoke(() -> changes.count("tenant.created"))
                .map(TenantView::of);
    }

    public Uni<List<TenantView>> list() {
        return Panache.withSession(() -> Tenant.<Tenant>list("order by name"))
                .map(tenants -> tenants.stream().map(TenantView::of).toList());
    }

    public Uni<TenantView> get(UUID id) {
        return Panache.withSession(() -> require(id)).map(TenantView::of);
    }

    @WithSpan("tenant.set-quota")
    public Uni<TenantView> setQuota(UUID id, QuotaUpdate update) {
        Span.current().setAttribute("pinfold.tenant.id", id.toString());
        return Panache.withTransaction(() -> require(id).invoke(tenant -> {
                    tenant.quotaPins = update.pins();
                    tenant.quotaBytes = update.bytes();
                }))
                .invoke(() -> changes.count("tenant.quota-set"))
                .map(TenantView::of);
    }

    /**
     * Sets (or, with both null, clears) the tenant's default replication factor, within pinfold.replication.cap. Pins
     * placed before keep their factor; new ones get this one unless their meta overrides it.
     */
    @WithSpan("tenant.set-replication")
    public Uni<TenantView> setReplication(UUID id, ReplicationUpdate update) {
        Span.current().setAttribute("pinfold.tenant.id", id.toString());
        if ((update.min() == null) != (update.max() == null)) {
            return Uni.createFrom().failure(RequestRejected.badRequest(update.min() == null ? "min" : "max",
                    "is required when " + (update.min() == null ? "max" : "min") + " is given (both null: the service's default)"));
        }
        if (update.min() != null) {
            var problems = io.pinfold.pin.allocate.ReplicationFactor.violations(update.min(), update.max(), replication.cap(), "min", "max");
            if (!problems.isEmpty()) {
                return Uni.createFrom().failure(new RequestRejected(400, "BAD_REQUEST",
                        io.pinfold.events.validation.InvalidEventException.describe(problems)));
            }
        }
        return Panache.withTransaction(() -> require(id).invoke(tenant -> {
                    tenant.replicationMin = update.min();
                    tenant.replicationMax = update.max();
                }))
                .invoke(() -> changes.count("tenant.replication-set"))
                .map(TenantView::of);
    }

    public static Uni<Tenant> require(UUID id) {
        return Tenant.<Tenant>findById(id).map(tenant -> {
            if (tenant == null) {
                throw RequestRejected.notFound("no tenant with id '" + id + "'");
            }
            return tenant;
        });
    }

    private static RequestRejected duplicate(String name) {
        return RequestRejected.conflict("name", "a tenant named '" + name + "' already exists");
    }

    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("23505") || t.getMessage().contains("duplicate key"))) {
                return true;
            }
        }
        return false;
    }
}
