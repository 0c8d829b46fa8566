package io.pinfold.pin.reconcile;

import io.pinfold.events.node.NodeState;
import io.pinfold.pin.node.NodeRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Whether a node answers, kept in node_contact so a copy that takes a node over knows since when it is silent. A
 * node silent for longer than the grace is marked down (node.state-changed through the registry); a down node
 * that answers again is marked active, and the reconciler then removes the copies that moved away from it.
 */
@ApplicationScoped
public class NodeLiveness {
    private static final Logger LOG = Logger.getLogger(NodeLiveness.class);
    private final Pool pool;
    private final NodeRegistry registry;
    private final Duration grace;

    public NodeLiveness(Pool pool, NodeRegistry registry, ReconcileConfig config) {
        this.pool = pool;
        this.registry = registry;
        this.grace = config.downGrace();
    }

    /** The node answered. Answers the state it is in now. */
    public Uni<NodeState> answered(ReconcileNode node) {
        Uni<Void> recorded = pool.preparedQuery("""
                        INSERT INTO node_contact (node_id, last_answer_at) VALUES ($1, now())
                        ON CONFLICT (node_id) DO UPDATE SET last_answer_at = now(), silent_since = NULL, last_error = NULL""")
                .execute(Tuple.of(node.id())).replaceWithVoid();
        if (node.state() != NodeState.DOWN) {
            return recorded.replaceWith(node.state());
        }
        return recorded.chain(() -> Panache.withTransaction(() -> registry.changeState(node.id(), NodeState.ACTIVE, "answers again")))
                .invoke(changed -> {
                    if (changed) {
                        LOG.infof("Kubo node %s answers again: marked active", node.id());
                    }
                })
                .replaceWith(NodeState.ACTIVE);
    }

    /** The node did not answer. Answers the state it is in now: down once it has been silent past the grace. */
    public Uni<NodeState> silent(ReconcileNode node, Throwable failure) {
        String error = String.valueOf(failure.getMessage());
        return pool.preparedQuery("""
                        INSERT INTO node_contact (node_id, silent_since, last_error) VALUES ($1, now(), $2)
                        ON CONFLICT (node_id) DO UPDATE SET silent_since = coalesce(node_contact.silent_since, now()), last_error = $2
                        RETURNING extract(epoch FROM now() - silent_since)""")
                .execute(Tuple.of(node.id(), error))
                .chain(rows -> {
                    double silentFor = rows.iterator().next().getDouble(0);
                    if (node.state() == NodeState.DOWN || silentFor * 1000 < grace.toMillis()) {
                        return Uni.createFrom().item(node.state());
                    }
                    String reason = "no answer for " + Math.round(silentFor) + " s (grace " + grace.toSeconds() + " s): " + error;
                    return Panache.withTransaction(() -> registry.changeState(node.id(), NodeState.DOWN, reason))
                            .invoke(changed -> {
                                if (changed) {
                                    LOG.warnf("Kubo node %s marked down: %s", node.id(), reason);
                                }
                            })
                            .replaceWith(NodeState.DOWN);
                });
    }
}
