package io.pinfold.pin.reconcile;

import io.pinfold.pin.admission.DagSizeCap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.outbox.Outbox;
import io.pinfold.outbox.OutboxBatch;
import io.pinfold.pin.nodepin.NodePinStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The reconciler's reads and writes of node_pin and desired_pin. Reads go straight to the pool; every change of a
 * row's status commits with its pin.status-changed event (outbox) and the pin's recomputed aggregate, in one
 * transaction. Writes name the state they expect, so a row the API path changed meanwhile is left alone.
 * Call the write methods on a Vert.x context of their own (see {@link Reconciler}).
 */
@ApplicationScoped
public class NodePinStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most attempt starts and ends written in one transaction. */
    static final int MAX_WRITE_BATCH = 64;
    private final Pool pool;
    private final Outbox outbox;
    private final OutboxBatch outboxBatch;
    private final GroupCommit<AttemptWrites.Write, Boolean> attemptWrites;

    public NodePinStore(Pool pool, Outbox outbox, OutboxBatch outboxBatch, io.vertx.core.Vertx vertx, ReconcileMetrics metrics) {
        this.pool = pool;
        this.outbox = outbox;
        this.outboxBatch = outboxBatch;
        this.attemptWrites = new GroupCommit<>(vertx, MAX_WRITE_BATCH, new AttemptWrites(pool, outboxBatch)::write, metrics::writeBatch);
    }

    /** Every registered node, by id. */
    public Uni<List<ReconcileNode>> nodes() {
        return pool.query("SELECT id, rpc_url, state FROM kubo_node ORDER BY id").execute().map(rows -> {
            List<ReconcileNode> nodes = new ArrayList<>();
            rows.forEach(row -> nodes.add(new ReconcileNode(row.getString(0), URI.create(row.getString(1)),
                    NodeState.fromJson(row.getString(2)))));
            return nodes;
        });
    }

    /**
     * Up to {@code limit} rows of {@code nodeId} that are due, oldest first, except the pins in {@code running}; each
     * with what its attempt needs (blocking entry, origins, the tenant's DAG size cap), so the batch is one round trip
     * and an attempt reads nothing more. Origins and cap are as of this read, a few milliseconds before the attempt
     * starts: origins never change after the pin's creation, and a cap changed meanwhile applies from the next attempt.
     */
    public Uni<List<DueRow>> due(String nodeId, int limit, List<String> running) {
        return pool.preparedQuery("""
                        SELECT np.pin_id, np.multihash, np.cid, np.wanted, np.status, np.attempts, np.blocks_fetched,
                               (SELECT coalesce(b.reason, 'denylist entry ' || b.entry_key || ' (' || b.status || ')')
                                  FROM blocked_content b WHERE b.multihash = np.multihash LIMIT 1),
                               np.traceparent, d.origins::text,
                               a.max_dag_bytes, a.max_dag_blocks
                        FROM node_pin np
                        -- node_pin.pin_id references desired_pin: one row each; tenant.name is unique, tenant_admission keyed by tenant
                        JOIN desired_pin d ON d.pin_id = np.pin_id
                        LEFT JOIN (tenant t JOIN tenant_admission a ON a.tenant_id = t.id) ON t.name = d.tenant
                        WHERE np.node_id = $1 AND np.next_attempt_at <= now() AND NOT (np.pin_id = ANY($3))
                          -- work also starts between ticks (Reconciler.wake): only while the node is still active, not draining
                          AND EXISTS (SELECT 1 FROM kubo_node k WHERE k.id = np.node_id AND k.state = 'active')
                        ORDER BY np.next_attempt_at LIMIT $2""")
                .execute(Tuple.of(nodeId, limit, running.toArray(String[]::new)))
                .map(rows -> {
                    List<DueRow> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new DueRow(row.getString(0), nodeId, row.getString(1), row.getString(2),
                            row.getBoolean(3), NodePinStatus.fromColumn(row.getString(4)), row.getInteger(5), row.getLong(6),
                            row.getString(7), row.getString(8), origins(row.getString(9)),
                            new DagSizeCap(row.getLong(10), row.getLong(11)))));
                    return due;
                });
    }

    /** The origins (multiaddrs) in desired_pin.origins, as the API stored them: a JSON array; anything else offers none. */
    private static List<String> origins(String json) {
        List<String> origins = new ArrayList<>();
        if (json == null) {
            return origins;
        }
        try {
            JSON.readTree(json).forEach(origin -> origins.add(origin.asText()));
        } catch (JsonProcessingException e) {
            // stored by the API as a JSON array; anything else has no origin to offer
        }
        return origins;
    }

    /** Whether a wanted row on {@code nodeId} other than {@code pinId} still wants {@code multihash}. */
    public Uni<Boolean> wantedElsewhereOnNode(String nodeId, String multihash, String pinId) {
        return pool.preparedQuery("SELECT 1 FROM node_pin WHERE node_id = $1 AND multihash = $2 AND wanted AND pin_id <> $3 LIMIT 1")
                .execute(Tuple.of(nodeId, multihash, pinId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Starts an attempt: status pinning, attempts + 1, and the time a retry is due should this copy die meanwhile.
     * Written with the other attempts starting and ending at the same time, in one transaction ({@link AttemptWrites}).
     */
    public Uni<Boolean> startAttempt(DueRow row, Duration retryIn) {
        OutboxBatch.Item event = row.status() == NodePinStatus.PINNING ? null
                : outboxBatch.event(statusEvent(row, PinStatus.PINNING, row.attempts() + 1, null));
        return attemptWrites.submit(new AttemptWrites.Write(AttemptWrites.Kind.START, row, retryIn.toMillis() / 1000.0, 0, event));
    }

    /** Blocks fetched so far, for the row and the pin's info. */
    public Uni<Void> progress(DueRow row, long blocks) {
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET blocks_fetched = :blocks, updated_at = now()
                        WHERE pin_id = :pin AND node_id = :node AND status = 'pinning'""", params(row).with("blocks", blocks))
                .chain(() -> aggregate(row.pinId())));
    }

    /**
     * The node holds it. A wanted row settles (due never again until something changes); an unwanted one is due for
     * pin rm. Written with other attempts' starts and ends, in one transaction ({@link AttemptWrites}).
     */
    public Uni<Void> pinned(DueRow row, int attempt, long blocks) {
        OutboxBatch.Item event = outboxBatch.event(statusEvent(row, PinStatus.PINNED, attempt, null));
        return attemptWrites.submit(new AttemptWrites.Write(AttemptWrites.Kind.PINNED, row, 0, blocks, event)).replaceWithVoid();
    }

    /** An attempt failed: queued again after {@code retryIn}, or failed for good when {@code retryIn} is null. */
    public Uni<Void> attemptFailed(DueRow row, int attempt, String reason, Duration retryIn) {
        boolean giveUp = retryIn == null;
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET status = :status, failure_reason = :reason, updated_at = now(),
                               next_attempt_at = CASE WHEN NOT wanted THEN now()
                                                      WHEN :giveUp THEN 'infinity'::timestamptz
                                                      ELSE now() + make_interval(secs => :retry) END
                        WHERE pin_id = :pin AND node_id = :node AND status = 'pinning'""", params(row).with("status", giveUp ? "failed" : "queued").with("reason", reason).with("giveUp", giveUp).with("retry", giveUp ? 0.0 : retryIn.toMillis() / 1000.0))
                .chain(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : emit(row, giveUp ? PinStatus.FAILED : PinStatus.QUEUED, attempt, reason).chain(() -> aggregate(row.pinId()))));
    }

    /** The content is blocked: the row is failed with the entry's reason (its copy on the node is already gone). */
    public Uni<Void> blocked(DueRow row) {
        String reason = PinAggregate.BLOCKED_PREFIX + row.blockedReason();
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET status = 'failed', failure_reason = :reason, updated_at = now(),
                               next_attempt_at = CASE WHEN wanted THEN 'infinity'::timestamptz ELSE now() END
                        WHERE pin_id = :pin AND node_id = :node AND wanted AND status = :expected""", params(row).with("reason", reason).with("expected", row.status().column()))
                .chain(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : emit(row, PinStatus.FAILED, null, reason).chain(() -> aggregate(row.pinId()))));
    }

    /**
     * The row must never be pinned (its CID and multihash disagree): failed with {@code reason}, settled, no call made.
     * A copy it may have on the node stays until the row is unwanted and goes the usual way.
     */
    public Uni<Void> refused(DueRow row, String reason) {
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET status = 'failed', failure_reason = :reason, updated_at = now(),
                               next_attempt_at = 'infinity'::timestamptz
                        WHERE pin_id = :pin AND node_id = :node AND wanted AND status = :expected""", params(row).with("reason", reason).with("expected", row.status().column()))
                .chain(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : emit(row, PinStatus.FAILED, null, reason).chain(() -> aggregate(row.pinId()))));
    }

    /** The unwanted row's copy is gone from the node (or another row keeps it): the row goes. */
    public Uni<Void> unpinned(DueRow row) {
        return Panache.withTransaction(() -> execute("DELETE FROM node_pin WHERE pin_id = :pin AND node_id = :node AND NOT wanted", params(row))
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : emit(row, PinStatus.UNPINNED, null, null).chain(() -> aggregate(row.pinId()))));
    }

    /** A pin rm failed: tried again after {@code retryIn}; an unwanted copy is never given up on. */
    public Uni<Void> unpinFailed(DueRow row, String reason, Duration retryIn) {
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET status = 'unpinning', attempts = attempts + 1, failure_reason = :reason, updated_at = now(),
                               next_attempt_at = now() + make_interval(secs => :retry)
                        WHERE pin_id = :pin AND node_id = :node AND NOT wanted""", params(row).with("reason", reason).with("retry", retryIn.toMillis() / 1000.0))
                .replaceWithVoid());
    }

    /** A wanted row settled as pinned whose copy is missing from the node: due again at once, from attempt 1. */
    public Uni<Boolean> restore(String pinId, String nodeId, String multihash, String cid) {
        DueRow row = new DueRow(pinId, nodeId, multihash, cid, true, NodePinStatus.PINNED, 0, null, null, null, List.of(), null);
        String reason = "drift: the node no longer pinned it; pinning it again";
        return Panache.withTransaction(() -> execute("""
                        UPDATE node_pin SET status = 'queued', attempts = 0, failure_reason = :reason, updated_at = now(),
                               next_attempt_at = now()
                        WHERE pin_id = :pin AND node_id = :node AND wanted AND status = 'pinned'""", params(row).with("reason", reason))
                .chain(updated -> updated == 0 ? Uni.createFrom().item(false)
                        : emit(row, PinStatus.QUEUED, null, reason).chain(() -> aggregate(pinId)).replaceWith(true)));
    }

    /** Recomputes the pin's API status and info from its wanted rows (inside the caller's transaction). */
    public Uni<Void> aggregate(String pinId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                SELECT node_id, status, blocks_fetched, failure_reason FROM node_pin WHERE pin_id = :pin AND wanted""")
                        .setParameter("pin", pinId)
                        .getResultList()
                        .chain(rows -> {
                            List<PinAggregate.Allocation> allocations = new ArrayList<>();
                            for (Object result : rows) {
                                Object[] columns = (Object[]) result;
                                allocations.add(new PinAggregate.Allocation((String) columns[0], NodePinStatus.fromColumn((String) columns[1]),
                                        columns[2] == null ? null : ((Number) columns[2]).longValue(), (String) columns[3]));
                            }
                            return PinAggregate.of(allocations).map(aggregate -> write(session, pinId, aggregate))
                                    .orElseGet(() -> Uni.createFrom().voidItem());
                        }));
    }

    private Uni<Void> write(Mutiny.Session session, String pinId, PinAggregate aggregate) {
        String info = aggregate.infoJson();
        return session.createNativeQuery("""
                        UPDATE desired_pin SET status_changed_at = CASE WHEN status = :status THEN status_changed_at ELSE now() END,
                               status = :status, info = CAST(CAST(:info AS text) AS jsonb), failure_reason = :reason
                        WHERE pin_id = :pin
                          AND (status <> :status OR info <> CAST(CAST(:info AS text) AS jsonb) OR failure_reason IS DISTINCT FROM :reason)""")
                .setParameter("status", aggregate.status())
                .setParameter("info", info)
                .setParameter("reason", aggregate.failureReason())
                .setParameter("pin", pinId)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Void> emit(DueRow row, PinStatus status, Integer attempt, String error) {
        return outbox.append(statusEvent(row, status, attempt, error)); // keyed by the request id, as every pin event
    }

    private static EventEnvelope<PinStatusChanged> statusEvent(DueRow row, PinStatus status, Integer attempt, String error) {
        PinStatus previous = switch (row.status()) {
            case QUEUED -> PinStatus.QUEUED;
            case PINNING -> PinStatus.PINNING;
            case PINNED -> PinStatus.PINNED;
            case FAILED -> PinStatus.FAILED;
            case UNPINNED -> PinStatus.UNPINNED;
            case UNPINNING -> null; // not a contract state: the copy is still there, on its way out
        };
        String shortError = error == null || error.length() <= 4096 ? error : error.substring(0, 4093) + "...";
        PinStatusChanged changed = new PinStatusChanged(row.pinId(), row.cid(), row.nodeId(), status,
                previous == status ? null : previous, attempt != null && attempt >= 1 ? attempt : null, shortError, null);
        return EventEnvelope.create(PinfoldSource.PIN_SERVICE, changed);
    }

    private static Params params(DueRow row) {
        return new Params().with("pin", row.pinId()).with("node", row.nodeId());
    }

    /**
     * Locks the pin's desired_pin row and answers whether the pin is still live. Every transaction that changes
     * node_pin takes this lock first, as the API's writes do (desired_pin, then node_pin): with one order, a removal
     * and a status change of the same pin never deadlock, and a removal cannot slip between a read and a write here.
     */
    public static Uni<Boolean> lockPin(String pinId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "SELECT removed_at IS NULL FROM desired_pin WHERE pin_id = :pin FOR UPDATE", Boolean.class)
                        .setParameter("pin", pinId)
                        .getResultList())
                .map(rows -> !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)));
    }

    /**
     * Runs one statement on a pin's node_pin row in the current transaction and answers the rows it changed; the
     * statement takes the pin's desired_pin lock itself, so the lock costs no round trip of its own (two per pin
     * attempt). {@code sql} ends with its WHERE clause; this appends
     * {@code AND EXISTS (SELECT 1 FROM desired_pin WHERE pin_id = :pin FOR UPDATE)}.
     *
     * <p>The lock order of {@link #lockPin} (desired_pin, then node_pin) still holds: the subquery refers to no
     * column of node_pin, so PostgreSQL runs it once, as a one-time filter, before it scans node_pin, and no node_pin
     * row is locked before the pin's row is. The scan's snapshot is from before any wait for that lock; a row another
     * transaction changed meanwhile is re-checked on its newest version (READ COMMITTED), so the expected state
     * (status, wanted) is tested as after a separate lock statement. The statements that follow in the transaction
     * (the aggregate's read) take their snapshots after the lock, as before. node_pin.pin_id references desired_pin,
     * so the filter never drops a row the statement would have changed.
     */
    private static Uni<Integer> execute(String sql, Params params) {
        if (params.values.get("pin") == null) {
            throw new IllegalArgumentException("a node_pin statement names its pin (:pin): it takes the pin's lock first");
        }
        String locking = sql.stripTrailing() + "\n  AND EXISTS (SELECT 1 FROM desired_pin WHERE pin_id = :pin FOR UPDATE)";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(locking);
            params.values.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    /** Named parameters, nulls allowed (a cleared failure reason). */
    private static final class Params {
        private final java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();

        Params with(String name, Object value) {
            values.put(name, value);
            return this;
        }
    }
}
