package io.pinfold.takedown.imports;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.outbox.OutboxBatch;
import io.pinfold.takedown.denylist.EntryLocks;
import io.pinfold.takedown.denylist.FeedBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes the denylist match a read list, a batch of keys per transaction. Each batch locks its keys (the same
 * per-key locks as notice decisions and restores, in Java String order), writes the source's denylist_entry rows,
 * their events through the outbox and their .deny feed lines, renews the run's lease and records progress, all in
 * one transaction: a batch is whole or absent, and a run that stops half-way leaves a consistent list the next run
 * completes.
 *
 * <p>Added: keys the list has and the source does not hold yet; each is published (event and feed line), as an
 * acceptance publishes its entries. Removed: keys the source holds that the list no longer has, exactly as a restore
 * removes a notice's entries: the last holder gone, a tombstone and a negated feed line; another holder left (a
 * notice, another list), that holder's entry published again. Keys held and still listed are untouched, so a second
 * import of the same list publishes nothing.
 */
final class ImportApplier {
    private final Pool pool;
    private final OutboxBatch outbox;
    private final ImportConfig config;
    private final EventCodec codec = new EventCodec();

    ImportApplier(Pool pool, OutboxBatch outbox, ImportConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
    }

    private record Addition(String key, String rule, DenylistEntryAdded event) {
    }

    void addAll(UUID runId, ImportSource source, ImportedEntries entries, String actor, RunCounters counters) {
        String after = "";
        while (true) {
            List<Row> rows = new ArrayList<>();
            ImportStore.await(pool.preparedQuery("""
                            SELECT entry_key, rule FROM import_staged s WHERE run_id = $1 AND entry_key > $2
                              AND NOT EXISTS (SELECT 1 FROM denylist_entry d WHERE d.entry_key = s.entry_key AND d.notice_id = $3)
                            ORDER BY entry_key LIMIT $4""")
                    .execute(Tuple.of(runId, after, source.id(), config.batchSize()))).forEach(rows::add);
            if (rows.isEmpty()) {
                return;
            }
            after = rows.get(rows.size() - 1).getString(0);
            TreeMap<String, Addition> batch = new TreeMap<>();
            for (Row row : rows) {
                String key = row.getString(0);
                String rule = row.getString(1);
                batch.put(key, new Addition(key, rule, entries.event(rule)));
            }
            ImportStore.await(pool.withTransaction(connection -> renewAndLock(connection, runId, source, new ArrayList<>(batch.keySet()))
                    .chain(() -> insert(connection, source, actor, batch))
                    .chain(inserted -> {
                        List<OutboxBatch.Item> events = new ArrayList<>(inserted.size());
                        List<String> lines = new ArrayList<>(inserted.size());
                        for (String key : batch.keySet()) {
                            if (inserted.containsKey(key)) {
                                DenylistEntryAdded event = batch.get(key).event();
                                events.add(outbox.event(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, event)));
                                lines.add(FeedBatch.blocked(event.entry()));
                            }
                        }
                        counters.added += inserted.size();
                        return outbox.append(connection, events)
                                .chain(() -> FeedBatch.append(connection, lines))
                                .chain(() -> ImportStore.progress(connection, runId, "adding", counters));
                    })));
        }
    }

    void removeAll(UUID runId, ImportSource source, String actor, RunCounters counters) {
        ImportStore.await(pool.preparedQuery("""
                        INSERT INTO import_removal (run_id, entry_key)
                        SELECT $1, d.entry_key FROM denylist_entry d WHERE d.notice_id = $2
                          AND NOT EXISTS (SELECT 1 FROM import_staged s WHERE s.run_id = $1 AND s.entry_key = d.entry_key)""")
                .execute(Tuple.of(runId, source.id())));
        String after = "";
        while (true) {
            List<String> keys = new ArrayList<>();
            ImportStore.await(pool.preparedQuery("SELECT entry_key FROM import_removal WHERE run_id = $1 AND entry_key > $2 ORDER BY entry_key LIMIT $3")
                    .execute(Tuple.of(runId, after, config.batchSize()))).forEach(row -> keys.add(row.getString(0)));
            if (keys.isEmpty()) {
                return;
            }
            after = keys.get(keys.size() - 1);
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            ImportStore.await(pool.withTransaction(connection -> renewAndLock(connection, runId, source, sorted)
                    .chain(() -> connection.preparedQuery("DELETE FROM denylist_entry WHERE notice_id = $1 AND entry_key = ANY($2) RETURNING entry_key, event::text")
                            .execute(Tuple.of(source.id(), sorted.toArray(String[]::new))))
                    .chain(deleted -> {
                        Map<String, String> removed = new TreeMap<>();
                        deleted.forEach(row -> removed.put(row.getString(0), row.getString(1)));
                        return connection.preparedQuery("""
                                        SELECT DISTINCT ON (entry_key) entry_key, event::text FROM denylist_entry WHERE entry_key = ANY($1)
                                        ORDER BY entry_key, created_at DESC, notice_id""")
                                .execute(Tuple.of(removed.keySet().toArray(String[]::new)))
                                .chain(remaining -> {
                                    Map<String, String> kept = new HashMap<>();
                                    remaining.forEach(row -> kept.put(row.getString(0), row.getString(1)));
                                    List<OutboxBatch.Item> events = new ArrayList<>(removed.size());
                                    List<String> lines = new ArrayList<>(removed.size());
                                    removed.forEach((key, json) -> {
                                        String other = kept.get(key);
                                        if (other == null) {
                                            events.add(outbox.tombstone(Topic.DENYLIST, key, PinfoldSource.TAKEDOWN_SERVICE));
                                            lines.add(FeedBatch.removed(codec.decode(DenylistEntryAdded.class, json).entry()));
                                        } else {
                                            DenylistEntryAdded holder = codec.decode(DenylistEntryAdded.class, other);
                                            events.add(outbox.event(EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, holder)));
                                            lines.add(FeedBatch.blocked(holder.entry()));
                                        }
                                    });
                                    counters.removed += removed.size();
                                    return outbox.append(connection, events)
                                            .chain(() -> FeedBatch.append(connection, lines))
                                            .chain(() -> ImportStore.progress(connection, runId, "removing", counters));
                                });
                    })));
        }
    }

    private Uni<Void> renewAndLock(SqlConnection connection, UUID runId, ImportSource source, List<String> sortedKeys) {
        return ImportStore.renew(connection, source.id(), source.name(), runId, config.leaseTtl())
                .chain(() -> EntryLocks.lockAll(connection, sortedKeys));
    }

    /** Inserts the source's rows; answers the keys really inserted (a key the source holds already is skipped). */
    private Uni<Map<String, Boolean>> insert(SqlConnection connection, ImportSource source, String actor, TreeMap<String, Addition> batch) {
        int size = batch.size();
        String[] keys = new String[size];
        String[] rules = new String[size];
        String[] kinds = new String[size];
        Integer[] statuses = new Integer[size];
        Boolean[] hashed = new Boolean[size];
        String[] events = new String[size];
        int i = 0;
        for (Addition addition : batch.values()) {
            keys[i] = addition.key();
            rules[i] = addition.event().rule();
            kinds[i] = addition.event().kind().json();
            statuses[i] = addition.event().status();
            hashed[i] = addition.event().kind().json().equals("double-hash");
            events[i] = codec.encodeToString(addition.event());
            i++;
        }
        return connection.preparedQuery("""
                        INSERT INTO denylist_entry (entry_key, notice_id, rule, kind, legal_basis, status, double_hashed, event, created_at, created_by)
                        SELECT k, $1, r, ki, 'import', st, dh, e::jsonb, now(), $2
                        FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::boolean[], $8::text[]) AS u(k, r, ki, st, dh, e)
                        ON CONFLICT (entry_key, notice_id) DO NOTHING RETURNING entry_key""")
                .execute(Tuple.tuple().addValue(source.id()).addValue(actor).addValue(keys).addValue(rules).addValue(kinds)
                        .addValue(statuses).addValue(hashed).addValue(events))
                .map(rows -> {
                    Map<String, Boolean> inserted = new HashMap<>();
                    rows.forEach(row -> inserted.put(row.getString(0), true));
                    return inserted;
                });
    }
}
