package io.pinfold.pin.reconcile;

import io.pinfold.ipfs.cid.Cid;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Compares a node's real recursive pins (pin ls, streamed) with its rows. A wanted row settled as pinned whose
 * content the node no longer pins is due again (the pin is restored); a pin the node holds that no row of the node
 * knows is reported (metric and log), never touched: an operator may have pinned it by hand.
 *
 * <p>Memory: the node's pinned multihashes are held as a set while its rows are checked (about 100 bytes per pin).
 */
@ApplicationScoped
public class DriftCheck {
    private static final Logger LOG = Logger.getLogger(DriftCheck.class);
    private static final int UNOWNED_LOGGED = 5;
    private final Pool pool;
    private final NodePinStore store;

    public DriftCheck(Pool pool, NodePinStore store) {
        this.pool = pool;
        this.store = store;
    }

    /** What one check found: pins restored, and pins on the node that no row owns (a few named). */
    public record Report(int restored, long unowned, List<String> unownedExamples) {
    }

    private record Owned(String pinId, String multihash, String cid, boolean settledPinned) {
    }

    /**
     * @param busy multihashes with a pin add or rm running on the node now: never judged, their state is moving
     */
    public Uni<Report> check(NodePinning kubo, ReconcileNode node, Set<String> busy) {
        return pool.query("SELECT now()").execute().map(rows -> rows.iterator().next().getOffsetDateTime(0))
                .chain(started -> kubo.recursivePins(node).collect().in(HashSet<String>::new, (set, cid) -> set.add(cid))
                        .chain(cids -> rows(node.id(), started).chain(owned -> compare(node, cids, owned, busy))));
    }

    private Uni<List<Owned>> rows(String nodeId, OffsetDateTime started) {
        // Only rows settled before pin ls began count as "should be there": a pin finished meanwhile may be missing from the listing.
        return pool.preparedQuery("""
                        SELECT pin_id, multihash, cid, wanted AND status = 'pinned' AND updated_at < $2
                        FROM node_pin WHERE node_id = $1""")
                .execute(Tuple.of(nodeId, started))
                .map(rows -> {
                    List<Owned> owned = new ArrayList<>();
                    rows.forEach(row -> owned.add(new Owned(row.getString(0), row.getString(1), row.getString(2), row.getBoolean(3))));
                    return owned;
                });
    }

    private Uni<Report> compare(ReconcileNode node, Set<String> cids, List<Owned> owned, Set<String> busy) {
        Set<String> onNode = new HashSet<>();
        for (String cid : cids) {
            onNode.add(multihash(cid));
        }
        Set<String> known = new HashSet<>();
        owned.forEach(row -> known.add(row.multihash()));
        List<String> unownedExamples = new ArrayList<>();
        long unowned = 0;
        for (String cid : cids) {
            if (!known.contains(multihash(cid))) {
                unowned++;
                if (unownedExamples.size() < UNOWNED_LOGGED) {
                    unownedExamples.add(cid);
                }
            }
        }
        List<Owned> missing = owned.stream()
                .filter(row -> row.settledPinned() && !onNode.contains(row.multihash()) && !busy.contains(row.multihash()))
                .toList();
        long unownedCount = unowned;
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(row -> store.restore(row.pinId(), node.id(), row.multihash(), row.cid()))
                .collect().asList()
                .map(results -> {
                    int restored = (int) results.stream().filter(Boolean::booleanValue).count();
                    if (restored > 0) {
                        LOG.warnf("drift on Kubo node %s: %d pin(s) removed behind the service's back, pinning them again", node.id(), restored);
                    }
                    return new Report(restored, unownedCount, List.copyOf(unownedExamples));
                });
    }

    static String multihash(String cid) {
        try {
            return Cid.parse(cid).multihash().toBase32();
        } catch (RuntimeException e) {
            return "unparsable:" + cid; // Kubo listed it; never equal to a stored multihash, so it counts as not ours
        }
    }
}
