package io.pinfold.takedown.denylist;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistHeader;
import io.pinfold.denylist.DenylistWriter;
import io.pinfold.denylist.Hints;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends to the .deny feed inside the caller's transaction: a blocking rule with its hints when an entry is
 * published, its negation when the entry's key is tombstoned. The first append of a transaction takes one
 * transaction-scoped lock before reading the last seq, so appends queue and seq order is commit order.
 */
@ApplicationScoped
public class DenylistFeed {
    /** The transaction-scoped lock every appending transaction takes before it reads the last seq ({@link FeedBatch} too). */
    static final String LOCK = "pinfold.denylist_feed";

    /** Never changes: followers keep byte offsets into the list, and a changed header would shift every line. */
    static final DenylistHeader HEADER = new DenylistHeader(DenylistHeader.VERSION, "pinfold-takedowns",
            "Content blocked by takedown notices. Append-only: a removal is a later negated rule (!).", "Pinfold takedown-service",
            Hints.NONE);

    /** The list's fixed first bytes: the YAML header and its --- line. */
    static String header() {
        StringWriter out = new StringWriter();
        new DenylistWriter(out).header(HEADER).flush();
        return out.toString();
    }

    /** The rule and its hints as one list line, without the line break. */
    static String line(DenylistEntry entry) {
        StringWriter out = new StringWriter();
        new DenylistWriter(out).entry(entry).flush();
        String text = out.toString();
        return text.substring(0, text.length() - 1);
    }

    public Uni<Void> blocked(DenylistEntry entry) {
        return append(line(entry));
    }

    /** The negated rule lifts every earlier line of the same rule; hints mean nothing on it. */
    public Uni<Void> removed(DenylistEntry entry) {
        return append(line(DenylistEntry.block(entry.target(), entry.path(), Hints.NONE).negated()));
    }

    private Uni<Void> append(String text) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:lock, 0))", Integer.class)
                        .setParameter("lock", LOCK)
                        .getSingleResult()
                        .chain(locked -> session.createNativeQuery(
                                "SELECT coalesce(max(seq), 0), coalesce(max(body_end), 0) FROM denylist_feed", Object[].class).getSingleResult()))
                .chain(last -> {
                    FeedLine line = new FeedLine();
                    line.seq = ((Number) last[0]).longValue() + 1;
                    line.line = text;
                    line.bodyEnd = ((Number) last[1]).longValue() + text.getBytes(StandardCharsets.UTF_8).length + 1;
                    line.appendedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return line.persistAndFlush();
                })
                .replaceWithVoid();
    }
}
