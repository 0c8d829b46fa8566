package io.pinfold.pin.denylist;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Whether content is on the denylist (pinfold.denylist as applied into blocked_content), matched by multihash so no
 * CID version, base or codec gets around it. The API refuses a new pin of blocked content with the entry's status
 * (451 for a legal reason) and reason.
 */
@ApplicationScoped
public class BlockedContent {
    private final Pool pool;

    public BlockedContent(Pool pool) {
        this.pool = pool;
    }

    /** Why content is blocked: the HTTP status the entry asks for (410 or 451) and its reason (may be null). */
    public record Block(String entryKey, int status, String reason) {
    }

    /**
     * The same question inside the caller's Hibernate Reactive transaction, on its connection: a request that holds
     * a connection (and its tenant's row lock) must never wait for a second one from the pool, or concurrent
     * requests of one tenant exhaust the pool and wait on each other for good.
     */
    public Uni<Optional<Block>> findInSession(String multihash) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT entry_key, status, reason FROM blocked_content WHERE multihash = :multihash ORDER BY added_at LIMIT 1",
                        Object[].class)
                .setParameter("multihash", multihash)
                .getResultList())
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0))
                        .map(row -> new Block((String) row[0], ((Number) row[1]).intValue(), (String) row[2])));
    }

    /** @param multihash the content's multihash in base32, as desired_pin.multihash stores it */
    public Uni<Optional<Block>> find(String multihash) {
        return pool.preparedQuery("SELECT entry_key, status, reason FROM blocked_content WHERE multihash = $1 ORDER BY added_at LIMIT 1")
                .execute(Tuple.of(multihash))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new Block(row.getString(0), row.getInteger(1), row.getString(2))));
    }
}
