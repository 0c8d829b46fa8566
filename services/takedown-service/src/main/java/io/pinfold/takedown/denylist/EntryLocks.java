package io.pinfold.takedown.denylist;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * The per-entry-key lock every writer of denylist_entry takes (transaction-scoped advisory lock) before it reads a
 * key's holders, so a removal and a concurrent addition of one key cannot both believe they are the last holder.
 * Every transaction takes its key locks first, in Java's String order, then the outbox, feed and audit locks.
 */
public final class EntryLocks {
    /** Lock name = PREFIX + entry key. */
    public static final String PREFIX = "pinfold.denylist_entry/";

    private EntryLocks() {
    }

    /** Locks the keys in one statement, in the order given (pass them sorted), inside the connection's transaction. */
    public static Uni<Void> lockAll(SqlConnection connection, List<String> sortedKeys) {
        if (sortedKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT count(pg_advisory_xact_lock(hashtextextended($1 || k, 0))) FROM unnest($2::text[]) AS k")
                .execute(Tuple.of(PREFIX, sortedKeys.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
