package io.pinfold.pin.follow;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Claims on follow entries, so each entry is resolved by one pin-service copy at a time. A claim writes a fresh
 * token on the entry's row (FOR UPDATE SKIP LOCKED: copies claiming at once take different rows) valid for the
 * lease TTL; only the transaction that still finds its token on the row (locked) records the outcome and hands the
 * entry back. A copy that dies holding a claim just lets it run out; another copy claims the entry after that.
 */
public class EntryLeases {
    private final Pool pool;
    private final Duration ttl;
    private final String owner;

    public EntryLeases(Pool pool, Duration ttl, String owner) {
        this.pool = pool;
        this.ttl = ttl;
        this.owner = owner;
    }

    /** A claim on one entry. {@code resolve}: its resolution is due (else only versions past their grace are). */
    public record Claim(UUID entryId, UUID token, boolean resolve) {
    }

    public String owner() {
        return owner;
    }

    /** Up to {@code limit} due entries no other copy holds, oldest due first. */
    public Uni<List<Claim>> claimDue(int limit) {
        return pool.preparedQuery("""
                        UPDATE follow_entry e SET lease_owner = $1, lease_token = gen_random_uuid(),
                                                  lease_until = now() + make_interval(secs => $2)
                        WHERE e.id IN (
                            SELECT f.id FROM follow_entry f
                            WHERE (f.lease_until IS NULL OR f.lease_until < now())
                              AND (f.next_resolve_at <= now()
                                   OR EXISTS (SELECT 1 FROM follow_version v WHERE v.entry_id = f.id
                                              AND v.unpinned_at IS NULL AND v.unpin_after <= now()))
                            ORDER BY f.next_resolve_at LIMIT $3
                            FOR UPDATE SKIP LOCKED)
                        RETURNING e.id, e.lease_token, e.next_resolve_at <= now()""")
                .execute(Tuple.of(owner, seconds(), limit))
                .map(EntryLeases::claims);
    }

    /** Every entry of the list no other copy holds, each to be resolved now (on demand). */
    public Uni<List<Claim>> claimList(UUID listId) {
        return pool.preparedQuery("""
                        UPDATE follow_entry e SET lease_owner = $1, lease_token = gen_random_uuid(),
                                                  lease_until = now() + make_interval(secs => $2)
                        WHERE e.id IN (
                            SELECT f.id FROM follow_entry f
                            WHERE f.list_id = $3 AND (f.lease_until IS NULL OR f.lease_until < now())
                            FOR UPDATE SKIP LOCKED)
                        RETURNING e.id, e.lease_token, true""")
                .execute(Tuple.of(owner, seconds(), listId))
                .map(EntryLeases::claims);
    }

    /** Gives a claim back without recording anything (e.g. the resolution could not be written): due again at once. */
    public Uni<Void> release(Claim claim) {
        return pool.preparedQuery("UPDATE follow_entry SET lease_owner = NULL, lease_token = NULL, lease_until = NULL "
                        + "WHERE id = $1 AND lease_token = $2")
                .execute(Tuple.of(claim.entryId(), claim.token()))
                .replaceWithVoid();
    }

    private double seconds() {
        return ttl.toMillis() / 1000.0;
    }

    private static List<Claim> claims(RowSet<Row> rows) {
        List<Claim> claims = new ArrayList<>();
        rows.forEach(row -> claims.add(new Claim(row.getUUID(0), row.getUUID(1), row.getBoolean(2))));
        return claims;
    }
}
