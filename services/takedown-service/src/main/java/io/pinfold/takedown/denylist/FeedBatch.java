package io.pinfold.takedown.denylist;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.Hints;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/**
 * {@link DenylistFeed} for many lines at once, in a transaction of the caller's Vert.x SQL connection (imports):
 * the same lock before the last seq and byte offset are read, so seq order stays commit order and each line's
 * {@code body_end} (its end offset in the body, for byte ranges) follows the line before, and one multi-row insert.
 */
public final class FeedBatch {
    private FeedBatch() {
    }

    /** The line that publishes an entry: its rule with its hints. */
    public static String blocked(DenylistEntry entry) {
        return DenylistFeed.line(entry);
    }

    /** The line that lifts an entry: its negated rule, without hints. */
    public static String removed(DenylistEntry entry) {
        return DenylistFeed.line(DenylistEntry.block(entry.target(), entry.path(), Hints.NONE).negated());
    }

    /** Appends the lines, in order, inside the connection's open transaction. */
    public static Uni<Void> append(SqlConnection connection, List<String> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(DenylistFeed.LOCK))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO denylist_feed (seq, line, body_end, appended_at)
                                SELECT last.seq + n,
                                       line,
                                       last.body_end + sum(octet_length(line) + 1) OVER (ORDER BY n),
                                       now()
                                FROM unnest($1::text[]) WITH ORDINALITY AS u(line, n),
                                     (SELECT coalesce(max(seq), 0) AS seq, coalesce(max(body_end), 0) AS body_end FROM denylist_feed) AS last""")
                        .execute(Tuple.of(lines.toArray(String[]::new))))
                .replaceWithVoid();
    }
}
