package io.pinfold.pin.reconcile;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.outbox.Outbox;
import io.pinfold.pin.allocate.Allocation;
import io.pinfold.pin.allocate.AllocationRequest;
import io.pinfold.pin.allocate.NodeCandidate;
import io.pinfold.pin.allocate.PinAllocator;
import io.pinfold.pin.allocate.ReplicationFactor;
import io.pinfold.pin.node.NodeCandidates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Moves the wanted pins of a down node to other nodes, through the allocator: each pin keeps as many copies as it
 * had, its healthy holders keep theirs, and only the lost copy goes to a new node (row wanted there; the down
 * node's row unwanted, removed from the node should it come back). A pin with no node to go to stays, and is
 * reported as under-replicated.
 */
@ApplicationScoped
public class PinMover {
    private static final Logger LOG = Logger.getLogger(PinMover.class);
    private final Pool pool;
    private final NodeCandidates candidates;
    private final PinAllocator allocator;
    private final Outbox outbox;
    private final NodePinStore store;

    public PinMover(Pool pool, NodeCandidates candidates, PinAllocator allocator, Outbox outbox, NodePinStore store) {
        this.pool = pool;
        this.candidates = candidates;
        this.allocator = allocator;
        this.outbox = outbox;
        this.store = store;
    }

    private record Lost(String pinId, String multihash, String cid, Set<String> holders) {
    }

    /** Moves up to {@code limit} pins off {@code downNode}; answers how many moved. */
    public Uni<Integer> moveOff(String downNode, int limit) {
        return pool.preparedQuery("""
                        SELECT np.pin_id, np.multihash, np.cid,
                               array(SELECT o.node_id FROM node_pin o WHERE o.pin_id = np.pin_id AND o.wanted)
                        FROM node_pin np WHERE np.node_id = $1 AND np.wanted ORDER BY np.allocated_at LIMIT $2""")
                .execute(Tuple.of(downNode, limit))
                .map(rows -> {
                    List<Lost> lost = new ArrayList<>();
                    rows.forEach(row -> lost.add(new Lost(row.getString(0), row.getString(1), row.getString(2),
                            new HashSet<>(List.of(row.getArrayOfStrings(3))))));
                    return lost;
                })
                .chain(lost -> lost.isEmpty() ? Uni.createFrom().item(0) : candidates.all(Map.of()).chain(nodes ->
                        Multi.createFrom().iterable(lost)
                                .onItem().transformToUniAndConcatenate(pin -> move(downNode, pin, nodes))
                                .collect().asList()
                                .map(moved -> (int) moved.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> move(String downNode, Lost pin, List<NodeCandidate> nodes) {
        int copies = pin.holders().size();
        Allocation allocation = allocator.allocate(new AllocationRequest(OptionalLong.empty(), new ReplicationFactor(copies, copies),
                pin.holders(), Set.of(downNode)), nodes);
        List<String> added = allocation.added();
        if (added.isEmpty()) {
            LOG.debugf("pin %s stays on down node %s: %s", pin.pinId(), downNode, allocation.shortfall().orElse("no other node"));
            return Uni.createFrom().item(false);
        }
        // The pin's row first (the lock order of every node_pin writer); a pin removed meanwhile is not moved.
        return Panache.withTransaction(() -> NodePinStore.lockPin(pin.pinId()).chain(live -> !live ? Uni.createFrom().item(0)
                        : Panache.getSession().chain(session -> session.createNativeQuery(
                                "UPDATE node_pin SET wanted = false, updated_at = now() WHERE pin_id = :pin AND node_id = :node AND wanted")
                        .setParameter("pin", pin.pinId()).setParameter("node", downNode).executeUpdate()))
                .chain(updated -> updated == 0 ? Uni.createFrom().item(false) : Multi.createFrom().iterable(added)
                        .onItem().transformToUniAndConcatenate(node -> allocate(pin, node, downNode))
                        .collect().last()
                        .chain(() -> store.aggregate(pin.pinId()))
                        .replaceWith(true)))
                .invoke(moved -> {
                    if (moved) {
                        LOG.infof("pin %s moved from down node %s to %s", pin.pinId(), downNode, added);
                    }
                });
    }

    private Uni<Void> allocate(Lost pin, String node, String downNode) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO node_pin (pin_id, node_id, multihash, cid, wanted, status, attempts, next_attempt_at, allocated_at, updated_at)
                                VALUES (:pin, :node, :multihash, :cid, true, 'queued', 0, now(), now(), now())
                                ON CONFLICT (pin_id, node_id) DO UPDATE SET wanted = true, status = 'queued', attempts = 0,
                                    failure_reason = NULL, next_attempt_at = now(), allocated_at = now(), updated_at = now()""")
                        .setParameter("pin", pin.pinId()).setParameter("node", node)
                        .setParameter("multihash", pin.multihash()).setParameter("cid", pin.cid())
                        .executeUpdate())
                .chain(() -> outbox.append(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                        new PinStatusChanged(pin.pinId(), pin.cid(), node, PinStatus.QUEUED, null, null,
                                null, null))))
                .invoke(() -> LOG.debugf("pin %s allocated to %s in place of %s", pin.pinId(), node, downNode));
    }
}
