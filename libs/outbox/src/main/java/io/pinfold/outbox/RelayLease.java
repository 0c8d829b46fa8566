package io.pinfold.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for the relay through a lease row, so N copies of a service can run side by side
 * while exactly one publishes (which keeps per-key order). A crashed leader's lease simply expires.
 *
 * <p>This copy believes it holds the lease until 80% of the TTL after it asked (measured from before the
 * query left, on its own monotonic clock), always short of the expiry the database wrote; another copy can
 * take the lease only after that expiry. The relay hands a record over only while the belief reaches past the
 * moment the record must have settled ({@link #handOverDeadline}), so two copies never write at once.
 */
@ApplicationScoped
public class RelayLease {
    static final String NAME = "outbox-relay";

    private final Pool pool;
    private final Duration ttl;
    private final String owner = UUID.randomUUID().toString();
    /** Until when (System.nanoTime) the lease is surely ours, and when to ask again if it is not. */
    private volatile long heldUntil;
    private volatile long nextAttempt;

    public RelayLease(Pool pool, @ConfigProperty(name = "pinfold.outbox.lease-ttl", defaultValue = "10s") Duration ttl) {
        this.pool = pool;
        this.ttl = ttl;
        this.heldUntil = System.nanoTime();
        this.nextAttempt = heldUntil;
    }

    /**
     * True when this process leads. Talks to the database only when the lease is past half its time
     * (renewal) or, for a standby, once per second (take-over), not on every relay tick.
     */
    public Uni<Boolean> acquireOrRenew() {
        long now = System.nanoTime();
        long half = ttl.toNanos() / 2;
        if (heldUntil - now > half) {
            return Uni.createFrom().item(true);
        }
        if (heldUntil - now <= 0 && now - nextAttempt < 0) {
            return Uni.createFrom().item(false);
        }
        return ask(now);
    }

    /**
     * The last moment a record may be handed over so that it settles ({@code settleBound} later) while this copy
     * still surely leads, renewing the lease first when less than {@code settleBound} plus a fifth of the TTL is
     * left; empty once this copy no longer leads (it never re-takes a lease it lost in the middle of a drain).
     */
    public Uni<Optional<HandOverDeadline>> handOverDeadline(Duration settleBound) {
        long now = System.nanoTime();
        long left = heldUntil - now;
        if (left <= 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        Uni<Boolean> held = left > settleBound.toNanos() + ttl.toNanos() / 5 ? Uni.createFrom().item(true) : ask(now);
        return held.map(leading -> {
            long deadline = heldUntil - settleBound.toNanos();
            return leading && deadline - System.nanoTime() > 0 ? Optional.of(new HandOverDeadline(deadline)) : Optional.empty();
        });
    }

    /** True while this copy believes it holds the lease. */
    public boolean isHeld() {
        return heldUntil - System.nanoTime() > 0;
    }

    private Uni<Boolean> ask(long now) {
        return tryAcquire().invoke(leading -> {
            // Believe it a little shorter than the database does, so two copies never both think they lead.
            heldUntil = leading ? now + ttl.toNanos() * 8 / 10 : now;
            nextAttempt = now + Math.min(ttl.toNanos() / 2, 1_000_000_000L);
        });
    }

    private Uni<Boolean> tryAcquire() {
        return pool.preparedQuery("""
                INSERT INTO outbox_lease (name, owner, expires_at)
                VALUES ($1, $2, now() + make_interval(secs => $3))
                ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE outbox_lease.owner = EXCLUDED.owner OR outbox_lease.expires_at < now()
                RETURNING owner""")
                .execute(Tuple.of(NAME, owner, ttl.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up so another copy takes over at once instead of after the TTL; call it only once nothing this copy handed over can still be written. */
    public Uni<Void> release() {
        heldUntil = System.nanoTime();
        return pool.preparedQuery("DELETE FROM outbox_lease WHERE name = $1 AND owner = $2")
                .execute(Tuple.of(NAME, owner))
                .replaceWithVoid();
    }

    public Duration ttl() {
        return ttl;
    }

    public String owner() {
        return owner;
    }
}
