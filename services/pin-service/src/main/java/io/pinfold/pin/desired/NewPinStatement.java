package io.pinfold.pin.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.pin.nodepin.TraceParent;
import io.pinfold.pin.tenant.QuotaCheck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores a new pin in one statement: counts it against the tenant's pin quota, gives it its {@code created}, inserts
 * desired_pin and its node_pin rows. The statement takes the tenant's row lock (the UPDATE), so run it last in the
 * transaction: the lock is then held for this statement and the commit only, and creates of one tenant queue for that
 * long, not for every read and insert of a request. Everything that needs no lock (denylist, admission rules, node
 * candidates, the outbox row of a new request id) comes before it.
 *
 * <p>Quota: the UPDATE adds the pin to used_pins on the newest row version (READ COMMITTED re-reads it after waiting
 * for the lock), so two creates cannot both pass on the same headroom; when the count passes the quota nothing is
 * inserted and this fails with 409 QUOTA_EXCEEDED (the caller's transaction rolls the count back). Created: the
 * greatest of now (the database's clock, whole milliseconds), the tenant's newest created + 1 ms as kept on the
 * tenant's row (V12) and max(requested_at) of its pins + 1 ms, so it is unique per tenant (V6's index) and goes only
 * forward. The row's value is what makes it safe under concurrency: the max(…) subquery reads the statement's
 * snapshot, taken before the lock wait, so it can miss a create that committed meanwhile; the locked row cannot. The
 * max(…) covers rows written past the row's value (loaded by hand, or stamped by a clock ahead). desired_pin and node_pin go in through one statement (node_pin in a
 * data-modifying CTE, desired_pin as the statement itself); the node_pin foreign key is checked at the statement's end,
 * after both inserts. Blocked content (blocked_content, by multihash) inserts nothing either: the denylist is asked in
 * the same statement, so a new pin costs no read of its own for it.
 */
final class NewPinStatement {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The new pin's columns. {@code nodes}: the allocated node ids (node_pin rows, queued and due at once). */
    record NewPin(String pinId, String cid, String multihash, String name, Integer requestedCopies, int replicationMin,
                  int replicationMax, List<String> origins, Map<String, String> meta, Map<String, String> info, List<String> nodes) {
    }

    private NewPinStatement() {
    }

    /**
     * @param refusal asked, in the same transaction, why nothing was inserted (content blocked, tenant gone, a quota
     *                used up); it fails with the matching error. Only then: the insert itself reads nothing back.
     */
    static Uni<Void> insert(UUID tenantId, NewPin pin, java.util.function.Supplier<Uni<Void>> refusal) {
        // A data-modifying statement run with executeUpdate, answering the desired_pin rows inserted (1, or 0 when
        // the content is blocked, the tenant is gone or a quota is used up): no native SELECT through Hibernate,
        // whose select-plan cache gains a never-matching key on every such call (bench/pins/RESULTS.md, run 6).
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        WITH t AS (
                            UPDATE tenant AS tn SET used_pins = tn.used_pins + 1,
                                   newest_created = greatest(date_trunc('milliseconds', clock_timestamp()),
                                       tn.newest_created + interval '1 millisecond',
                                       (SELECT max(d.requested_at) FROM desired_pin d WHERE d.tenant = tn.name) + interval '1 millisecond')
                            WHERE tn.id = :tenantId
                            RETURNING tn.name, tn.newest_created, tn.used_pins, tn.quota_pins, tn.used_bytes, tn.quota_bytes),
                        ok AS (
                            SELECT t.name, t.newest_created FROM t
                            WHERE (t.quota_pins IS NULL OR t.used_pins <= t.quota_pins) AND (t.quota_bytes IS NULL OR t.used_bytes <= t.quota_bytes)
                              AND NOT EXISTS (SELECT 1 FROM blocked_content b WHERE b.multihash = :multihash)),
                        n AS (
                            INSERT INTO node_pin (pin_id, node_id, multihash, cid, wanted, status, attempts, next_attempt_at,
                                                  allocated_at, updated_at, traceparent)
                            SELECT :pinId, node.id, :multihash, :cid, true, 'queued', 0, ok.newest_created, ok.newest_created,
                                   ok.newest_created, CAST(:traceparent AS text)
                            FROM ok, jsonb_array_elements_text(CAST(CAST(:nodes AS text) AS jsonb)) AS node(id))
                        INSERT INTO desired_pin (pin_id, tenant, cid, multihash, name, replication, replication_min, replication_max,
                                                 requested_at, status, origins, meta, info)
                        SELECT :pinId, ok.name, :cid, :multihash, CAST(:name AS text), CAST(:replication AS integer), :min, :max,
                               ok.newest_created, 'queued', CAST(CAST(:origins AS text) AS jsonb), CAST(CAST(:meta AS text) AS jsonb),
                               CAST(CAST(:info AS text) AS jsonb)
                        FROM ok""")
                .setParameter("tenantId", tenantId)
                .setParameter("pinId", pin.pinId())
                .setParameter("cid", pin.cid())
                .setParameter("multihash", pin.multihash())
                .setParameter("name", pin.name())
                .setParameter("replication", pin.requestedCopies())
                .setParameter("min", pin.replicationMin())
                .setParameter("max", pin.replicationMax())
                .setParameter("origins", json(pin.origins()))
                .setParameter("meta", json(pin.meta()))
                .setParameter("info", json(pin.info()))
                .setParameter("traceparent", TraceParent.current())
                .setParameter("nodes", json(pin.nodes()))
                .executeUpdate())
                .chain(inserted -> inserted == 1 ? Uni.createFrom().voidItem() : refusal.get());
    }

    /**
     * Why {@link #insert} inserted nothing, content blocking aside: the tenant's counts as the statement left them
     * (used_pins already counts the refused pin; the transaction rolls it back). Fails with 404 or 409 QUOTA_EXCEEDED.
     */
    static Uni<Void> refuseByQuota(UUID tenantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "SELECT name, used_pins, quota_pins, used_bytes, quota_bytes FROM tenant WHERE id = :tenantId")
                        .setParameter("tenantId", tenantId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw PinRequests.tenantNotFound(tenantId);
                    }
                    Object[] row = (Object[]) rows.get(0);
                    String tenant = (String) row[0];
                    long usedPins = ((Number) row[1]).longValue() - 1; // before this pin
                    if (row[2] != null && usedPins + 1 > ((Number) row[2]).longValue()) {
                        throw QuotaCheck.exceeded("pins", tenant, ((Number) row[2]).longValue(), usedPins, 1);
                    }
                    if (row[4] != null) {
                        throw QuotaCheck.exceeded("bytes", tenant, ((Number) row[4]).longValue(), ((Number) row[3]).longValue(), 0);
                    }
                    throw new IllegalStateException("pin of tenant " + tenant + " was not inserted, and no quota or block explains it");
                })
                .replaceWithVoid();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
