package io.pinfold.pin.tenant;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the admin API shows it. */
@Schema(name = "Tenant")
public record TenantView(
        @Schema(example = "5b0d7c52-3d0e-4b7a-9f56-0b1f1c1e2a77") UUID id,
        @Schema(example = "acme") String name,
        @Schema(example = "2026-12-02T10:00:00Z") OffsetDateTime createdAt,
        Amounts quota,
        Amounts usage,
        @Schema(description = "The tenant's default replication factor; null: the service's (pinfold.replication.min/max)")
        Replication replication) {

    /** How many nodes hold each of the tenant's pins unless a pin's meta says otherwise. */
    @Schema(name = "TenantReplication")
    public record Replication(@Schema(example = "1") int min, @Schema(example = "2") int max) {
    }

    /** Pins and bytes; in a quota, null means unlimited. */
    @Schema(name = "TenantAmounts")
    public record Amounts(@Schema(example = "10000") Long pins, @Schema(example = "1099511627776") Long bytes) {
    }

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.createdAt, new Amounts(tenant.quotaPins, tenant.quotaBytes),
                new Amounts(tenant.usedPins, tenant.usedBytes),
                tenant.replicationMin == null ? null : new Replication(tenant.replicationMin, tenant.replicationMax));
    }
}
