package io.pinfold.pin.tenant;

import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/**
 * Whether a tenant may add pins and bytes within its quotas. Call it inside the transaction that adds the pins
 * and updates the tenant's usage: it locks the tenant's row, so two concurrent additions cannot both pass on
 * the same headroom.
 */
@ApplicationScoped
public class QuotaCheck {
    public static final String REASON = "QUOTA_EXCEEDED";

    /** The tenant, locked for update, when the addition fits; else fails with 409 QUOTA_EXCEEDED naming the quota. */
    public Uni<Tenant> admit(UUID tenantId, long extraPins, long extraBytes) {
        return Tenant.<Tenant>findById(tenantId, LockModeType.PESSIMISTIC_WRITE).map(tenant -> {
            if (tenant == null) {
                throw RequestRejected.notFound("no tenant with id '" + tenantId + "'");
            }
            // Compared with the headroom left, so byte counts near Long.MAX_VALUE cannot overflow a sum.
            if (tenant.quotaPins != null && extraPins > tenant.quotaPins - tenant.usedPins) {
                throw exceeded("pins", tenant.name, tenant.quotaPins, tenant.usedPins, extraPins);
            }
            if (tenant.quotaBytes != null && extraBytes > tenant.quotaBytes - tenant.usedBytes) {
                throw exceeded("bytes", tenant.name, tenant.quotaBytes, tenant.usedBytes, extraBytes);
            }
            return tenant;
        });
    }

    /** 409 QUOTA_EXCEEDED naming the quota, what the tenant holds and what it asked for. */
    public static RequestRejected exceeded(String quota, String tenant, long limit, long used, long extra) {
        return new RequestRejected(409, REASON, "quota." + quota + ": tenant '" + tenant + "' may hold " + limit + " " + quota
                + ", holds " + used + " and asked for " + extra + " more");
    }
}
