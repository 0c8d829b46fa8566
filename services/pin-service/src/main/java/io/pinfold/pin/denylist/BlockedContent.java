package io.pinfold.pin.denylist;

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

    /** @param multihash the content's multihash in base32, as desired_pin.multihash stores it */
    public Uni<Optional<Block>> find(String multihash) {
        return pool.preparedQuery("SELECT entry_key, status, reason FROM blocked_content WHERE multihash = $1 ORDER BY added_at LIMIT 1")
                .execute(Tuple.of(multihash))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new Block(row.getString(0), row.getInteger(1), row.getString(2))));
    }
}
