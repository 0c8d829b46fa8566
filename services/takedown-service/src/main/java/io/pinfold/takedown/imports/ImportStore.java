package io.pinfold.takedown.imports;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The import tables (V4), blocking: called from import worker threads and blocking endpoints, never the event loop.
 * Sources with their lease, runs with their progress, bad lines, and the work table of staged keys.
 */
@ApplicationScoped
public class ImportStore {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private final Pool pool;
    private final ImportConfig config;

    public ImportStore(Pool pool, ImportConfig config) {
        this.pool = pool;
        this.config = config;
    }

    Pool pool() {
        return pool;
    }

    public Optional<ImportSource> source(String name) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + ImportSource.COLUMNS + " FROM import_source WHERE name = $1")
                .execute(Tuple.of(name)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(ImportSource.of(rows.iterator().next()));
    }

    public List<ImportSource> sources() {
        List<ImportSource> sources = new ArrayList<>();
        for (Row row : await(pool.query("SELECT " + ImportSource.COLUMNS + " FROM import_source ORDER BY name").execute())) {
            sources.add(ImportSource.of(row));
        }
        return sources;
    }

    /** Scheduled sources whose time has come and that no run holds. */
    List<ImportSource> due() {
        List<ImportSource> sources = new ArrayList<>();
        for (Row row : await(pool.query("SELECT " + ImportSource.COLUMNS + " FROM import_source WHERE enabled AND url IS NOT NULL "
                + "AND interval_seconds IS NOT NULL AND next_run_at <= now() AND (lease_owner IS NULL OR lease_expires_at < now()) "
                + "ORDER BY next_run_at").execute())) {
            sources.add(ImportSource.of(row));
        }
        return sources;
    }

    /**
     * Takes the source's lease for a new run and records the run, in one transaction; false when another run holds
     * the lease. Runs left 'running' by a copy whose lease expired are closed as failed, their work rows dropped.
     */
    boolean begin(ImportSource source, UUID runId, Trigger trigger, String actor) {
        return await(pool.withTransaction(connection -> connection.preparedQuery("""
                        UPDATE import_source SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
                               next_run_at = CASE WHEN interval_seconds IS NULL THEN NULL ELSE now() + make_interval(secs => interval_seconds) END
                        WHERE id = $1 AND (lease_owner IS NULL OR lease_expires_at < now()) RETURNING id""")
                .execute(Tuple.of(source.id(), runId, config.leaseTtl().toMillis() / 1000.0))
                .chain(taken -> {
                    if (taken.rowCount() == 0) {
                        return io.smallrye.mutiny.Uni.createFrom().item(false);
                    }
                    return connection.preparedQuery("DELETE FROM import_staged WHERE run_id IN (SELECT id FROM import_run WHERE source_id = $1 AND state = 'running')")
                            .execute(Tuple.of(source.id()))
                            .chain(() -> connection.preparedQuery("DELETE FROM import_removal WHERE run_id IN (SELECT id FROM import_run WHERE source_id = $1 AND state = 'running')")
                                    .execute(Tuple.of(source.id())))
                            .chain(() -> connection.preparedQuery("""
                                    UPDATE import_run SET state = 'failed', phase = 'done', finished_at = now(),
                                           problem = 'abandoned: the service copy running it stopped before it finished (its lease expired)'
                                    WHERE source_id = $1 AND state = 'running'""").execute(Tuple.of(source.id())))
                            .chain(() -> connection.preparedQuery("""
                                    INSERT INTO import_run (id, source_id, trigger, actor, state, phase, started_at)
                                    VALUES ($1, $2, $3, $4, 'running', 'fetching', now())""")
                                    .execute(Tuple.of(runId, source.id(), trigger.code(), actor)))
                            .replaceWith(true);
                })));
    }

    /** Renews the run's lease on its source, through {@code client} (a transaction's connection, or the pool). */
    static io.smallrye.mutiny.Uni<Void> renew(SqlClient client, UUID sourceId, String sourceName, UUID runId, Duration ttl) {
        return client.preparedQuery("UPDATE import_source SET lease_expires_at = now() + make_interval(secs => $3) WHERE id = $1 AND lease_owner = $2")
                .execute(Tuple.of(sourceId, runId, ttl.toMillis() / 1000.0))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new LeaseLostException(sourceName);
                    }
                })
                .replaceWithVoid();
    }

    void renew(ImportSource source, UUID runId) {
        await(renew(pool, source.id(), source.name(), runId, config.leaseTtl()));
    }

    void release(ImportSource source, UUID runId) {
        await(pool.preparedQuery("UPDATE import_source SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2")
                .execute(Tuple.of(source.id(), runId)));
    }

    /** The validators of a completed import, for the next conditional GET (null for an upload: the next fetch reads all). */
    void validators(ImportSource source, String etag, String lastModified) {
        await(pool.preparedQuery("UPDATE import_source SET etag = $2, last_modified = $3 WHERE id = $1")
                .execute(Tuple.of(source.id(), etag, lastModified)));
    }

    void progress(UUID runId, String phase, RunCounters counters) {
        await(progress(pool, runId, phase, counters));
    }

    static io.smallrye.mutiny.Uni<Void> progress(SqlClient client, UUID runId, String phase, RunCounters counters) {
        return client.preparedQuery("""
                        UPDATE import_run SET phase = $2, http_status = $3, bytes_read = $4, lines_read = $5, entries_read = $6,
                               added = $7, removed = $8, unchanged = $9, rejected = $10 WHERE id = $1""")
                .execute(Tuple.tuple().addValue(runId).addValue(phase).addValue(counters.httpStatus).addValue(counters.bytesRead)
                        .addValue(counters.linesRead).addValue(counters.entriesRead).addValue(counters.added)
                        .addValue(counters.removed).addValue(counters.unchanged()).addValue(counters.rejected))
                .replaceWithVoid();
    }

    void finish(UUID runId, RunState state, RunCounters counters, String refusalRule, String problem) {
        await(progress(pool, runId, "done", counters)
                .chain(() -> pool.preparedQuery("UPDATE import_run SET state = $2, finished_at = now(), refusal_rule = $3, problem = $4 WHERE id = $1")
                        .execute(Tuple.of(runId, state.code(), refusalRule, problem == null ? null : cut(problem, 4000)))));
    }

    /** Writes a batch of read lines: blocks (key, rule, line; the later line of a key wins) and negated keys. */
    void stage(UUID runId, List<String> keys, List<String> rules, List<Long> lines, List<String> negated, List<BadLine> bad) {
        await(pool.withTransaction(connection -> connection.preparedQuery("DELETE FROM import_staged WHERE run_id = $1 AND entry_key = ANY($2)")
                .execute(Tuple.of(runId, negated.toArray(String[]::new)))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO import_staged (run_id, entry_key, rule, line_no)
                                SELECT $1, k, r, l FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(k, r, l)
                                ON CONFLICT (run_id, entry_key) DO UPDATE SET rule = EXCLUDED.rule, line_no = EXCLUDED.line_no""")
                        .execute(Tuple.of(runId, keys.toArray(String[]::new), rules.toArray(String[]::new), lines.toArray(Long[]::new))))
                .chain(() -> bad.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().voidItem() : connection.preparedQuery("""
                                INSERT INTO import_bad_line (run_id, line_no, reason, text)
                                SELECT $1, l, r, t FROM unnest($2::bigint[], $3::text[], $4::text[]) AS u(l, r, t) ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(runId, bad.stream().map(BadLine::line).toArray(Long[]::new),
                                bad.stream().map(line -> cut(line.reason(), 1000)).toArray(String[]::new),
                                bad.stream().map(BadLine::text).toArray(String[]::new)))
                        .replaceWithVoid())));
    }

    long stagedCount(UUID runId) {
        return await(pool.preparedQuery("SELECT count(*) FROM import_staged WHERE run_id = $1").execute(Tuple.of(runId)))
                .iterator().next().getLong(0);
    }

    void clearWork(UUID runId) {
        await(pool.preparedQuery("DELETE FROM import_staged WHERE run_id = $1").execute(Tuple.of(runId))
                .chain(() -> pool.preparedQuery("DELETE FROM import_removal WHERE run_id = $1").execute(Tuple.of(runId))));
    }

    public Optional<RunView> run(UUID id) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + RunView.COLUMNS + " FROM import_run r JOIN import_source s ON s.id = r.source_id WHERE r.id = $1")
                .execute(Tuple.of(id)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(RunView.of(rows.iterator().next()));
    }

    /** Runs newest first; of one source when {@code sourceId} is set; after a cursor (started_at|id) when given. */
    public List<RunView> runs(UUID sourceId, java.time.OffsetDateTime beforeTime, UUID beforeId, int limit) {
        List<RunView> runs = new ArrayList<>();
        for (Row row : await(pool.preparedQuery("SELECT " + RunView.COLUMNS + " FROM import_run r JOIN import_source s ON s.id = r.source_id "
                        + "WHERE ($1::uuid IS NULL OR r.source_id = $1) AND ($2::timestamptz IS NULL OR (r.started_at, r.id) < ($2, $3)) "
                        + "ORDER BY r.started_at DESC, r.id DESC LIMIT $4")
                .execute(Tuple.of(sourceId, beforeTime, beforeId == null ? new UUID(0, 0) : beforeId, limit)))) {
            runs.add(RunView.of(row));
        }
        return runs;
    }

    public List<BadLine> badLines(UUID runId, long after, int limit) {
        List<BadLine> lines = new ArrayList<>();
        for (Row row : await(pool.preparedQuery("SELECT line_no, reason, text FROM import_bad_line WHERE run_id = $1 AND line_no > $2 "
                + "ORDER BY line_no, reason LIMIT $3").execute(Tuple.of(runId, after, limit)))) {
            lines.add(new BadLine(row.getLong("line_no"), row.getString("reason"), row.getString("text")));
        }
        return lines;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
