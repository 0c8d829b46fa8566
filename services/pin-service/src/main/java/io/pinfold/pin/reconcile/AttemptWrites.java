package io.pinfold.pin.reconcile;

import io.pinfold.outbox.OutboxBatch;
import io.pinfold.pin.nodepin.NodePinStatus;
import io.pinfold.pin.tx.ConflictRetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two writes every pin attempt makes, for many rows in one transaction: an attempt starts (status pinning,
 * attempts + 1, the retry time should this copy die) and an attempt ends pinned. Each row's write is what
 * {@link NodePinStore} did for one row in a transaction of its own — the pin's desired_pin lock first, the node_pin
 * update naming the state it expects, the pin.status-changed event through the outbox, the pin's API status
 * recomputed from its wanted rows — done set-wise: one statement per step for the whole batch, so a batch costs the
 * same eight round trips whatever its size. Batches are formed by {@link GroupCommit}.
 *
 * <p>Lock order is the one every node_pin writer keeps, desired_pin then node_pin, with the batch's pins locked in
 * pin id order and their outbox keys (the pin ids) appended in that order, so two batches (two copies) cannot
 * deadlock each other. A transaction aborted for a conflict (deadlock with another writer, SQLSTATE 40P01 / 40001)
 * is run again from the start, up to three times.
 */
final class AttemptWrites {
    private static final int CONFLICT_RUNS = 3;

    enum Kind { START, PINNED }

    /**
     * One row's write. START: {@code retrySeconds} until the row is due again should the attempt never end;
     * PINNED: {@code blocks} fetched. {@code event}: the pin.status-changed row to append if the row changed
     * (made on the caller's context, so it carries the pin's trace), or null for none.
     */
    record Write(Kind kind, DueRow row, double retrySeconds, long blocks, OutboxBatch.Item event) {
        String key() {
            return row.pinId() + '\n' + row.nodeId();
        }
    }

    private final Pool pool;
    private final OutboxBatch outbox;

    AttemptWrites(Pool pool, OutboxBatch outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Writes the batch; answers, per write in order, whether its row was in the state it expected (and changed). */
    Uni<List<Boolean>> write(List<Write> batch) {
        Uni<Set<String>> once = Uni.createFrom().deferred(() -> pool.withTransaction(connection -> inTransaction(connection, batch)));
        return once.onFailure(ConflictRetry::isConflict).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100))
                .atMost(CONFLICT_RUNS - 1L)
                .map(changed -> batch.stream().map(write -> changed.contains(write.key())).toList());
    }

    private Uni<Set<String>> inTransaction(SqlConnection connection, List<Write> batch) {
        String[] pins = new TreeSet<>(batch.stream().map(write -> write.row().pinId()).toList()).toArray(String[]::new);
        return connection.preparedQuery("SELECT pin_id FROM desired_pin WHERE pin_id = ANY($1) ORDER BY pin_id FOR UPDATE")
                .execute(Tuple.of(pins))
                .chain(() -> starts(connection, batch.stream().filter(write -> write.kind() == Kind.START).toList()))
                .chain(started -> pinned(connection, batch.stream().filter(write -> write.kind() == Kind.PINNED).toList())
                        .map(pinned -> {
                            Set<String> changed = new HashSet<>(started);
                            changed.addAll(pinned);
                            return changed;
                        }))
                .call(changed -> outbox.append(connection, batch.stream()
                        .filter(write -> write.event() != null && changed.contains(write.key()))
                        .sorted(Comparator.comparing(write -> write.row().pinId())) // stable: one pin's rows keep their order
                        .map(Write::event).toList()))
                .call(changed -> aggregates(connection, new TreeSet<>(batch.stream()
                        .filter(write -> changed.contains(write.key())).map(write -> write.row().pinId()).toList())));
    }

    private static Uni<Set<String>> starts(SqlConnection connection, List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery("""
                        UPDATE node_pin np SET status = 'pinning', attempts = np.attempts + 1, updated_at = now(),
                               next_attempt_at = now() + make_interval(secs => u.retry)
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[]) AS u(pin_id, node_id, expected, retry)
                        WHERE np.pin_id = u.pin_id AND np.node_id = u.node_id AND np.wanted AND np.status = u.expected
                        RETURNING np.pin_id, np.node_id""")
                .execute(Tuple.of(column(writes, write -> write.row().pinId()), column(writes, write -> write.row().nodeId()),
                        column(writes, write -> write.row().status().column()),
                        writes.stream().map(Write::retrySeconds).toArray(Double[]::new)))
                .map(AttemptWrites::keys);
    }

    private static Uni<Set<String>> pinned(SqlConnection connection, List<Write> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery("""
                        UPDATE node_pin np SET status = 'pinned', failure_reason = NULL, attempts = 0, blocks_fetched = u.blocks,
                               updated_at = now(), next_attempt_at = CASE WHEN np.wanted THEN 'infinity'::timestamptz ELSE now() END
                        FROM unnest($1::text[], $2::text[], $3::int8[]) AS u(pin_id, node_id, blocks)
                        WHERE np.pin_id = u.pin_id AND np.node_id = u.node_id AND np.status = 'pinning'
                        RETURNING np.pin_id, np.node_id""")
                .execute(Tuple.of(column(writes, write -> write.row().pinId()), column(writes, write -> write.row().nodeId()),
                        writes.stream().map(Write::blocks).toArray(Long[]::new)))
                .map(AttemptWrites::keys);
    }

    /** Recomputes the API status and info of {@code pins} from their wanted rows, as {@link NodePinStore#aggregate} does for one. */
    private static Uni<Void> aggregates(SqlConnection connection, Set<String> pins) {
        if (pins.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        SELECT pin_id, node_id, status, blocks_fetched, failure_reason FROM node_pin
                        WHERE pin_id = ANY($1) AND wanted""")
                .execute(Tuple.of(pins.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, List<PinAggregate.Allocation>> byPin = new LinkedHashMap<>();
                    rows.forEach(row -> byPin.computeIfAbsent(row.getString(0), pin -> new ArrayList<>())
                            .add(new PinAggregate.Allocation(row.getString(1), NodePinStatus.fromColumn(row.getString(2)),
                                    row.getLong(3), row.getString(4))));
                    List<String> ids = new ArrayList<>();
                    List<String> statuses = new ArrayList<>();
                    List<String> infos = new ArrayList<>();
                    List<String> reasons = new ArrayList<>();
                    byPin.forEach((pin, allocations) -> PinAggregate.of(allocations).ifPresent(aggregate -> {
                        ids.add(pin);
                        statuses.add(aggregate.status());
                        infos.add(aggregate.infoJson());
                        reasons.add(aggregate.failureReason());
                    }));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return connection.preparedQuery("""
                                    UPDATE desired_pin d SET status_changed_at = CASE WHEN d.status = u.status THEN d.status_changed_at ELSE now() END,
                                           status = u.status, info = u.info::jsonb, failure_reason = u.reason
                                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(pin_id, status, info, reason)
                                    WHERE d.pin_id = u.pin_id
                                      AND (d.status <> u.status OR d.info <> u.info::jsonb OR d.failure_reason IS DISTINCT FROM u.reason)""")
                            .execute(Tuple.of(ids.toArray(String[]::new), statuses.toArray(String[]::new),
                                    infos.toArray(String[]::new), reasons.toArray(String[]::new)))
                            .replaceWithVoid();
                });
    }

    private static String[] column(List<Write> writes, java.util.function.Function<Write, String> value) {
        return writes.stream().map(value).toArray(String[]::new);
    }

    private static Set<String> keys(io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        Set<String> keys = new HashSet<>();
        rows.forEach(row -> keys.add(row.getString(0) + '\n' + row.getString(1)));
        return keys;
    }
}
