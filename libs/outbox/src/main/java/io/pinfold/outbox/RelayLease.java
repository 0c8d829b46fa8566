package io.pinfold.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for the relay through a lease row, so N copies of a service can run side by side
 * while exactly one publishes (which keeps per-key order). A crashed leader's lease simply expires.
 */
@ApplicationScoped
public class RelayLease {
    static final String NAME = "outbox-relay";

    private final Pool pool;
    private final Duration ttl;
    private final String owner = UUID.randomUUID().toString();

    public RelayLease(Pool pool, @ConfigProperty(name = "pinfold.outbox.lease-ttl", defaultValue = "10s") Duration ttl) {
        this.pool = pool;
        this.ttl = ttl;
    }

    /** Takes the lease if it is free or expired, renews it if held; true when this process leads. */
    public Uni<Boolean> acquireOrRenew() {
        return pool.preparedQuery("""
                INSERT INTO outbox_lease (name, owner, expires_at)
                VALUES ($1, $2, now() + make_interval(secs => $3))
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE outbox_lease.owner = EXCLUDED.owner OR outbox_lease.expires_at < now()
                RETURNING owner""")
                .execute(Tuple.of(NAME, owner, ttl.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up on shutdown so another copy takes over at once instead of after the TTL. */
    public Uni<Void> release() {
        return pool.preparedQuery("DELETE FROM outbox_lease WHERE name = $1 AND owner = $2")
                .execute(Tuple.of(NAME, owner))
                .replaceWithVoid();
    }

    public String owner() {
        return owner;
    }
}
