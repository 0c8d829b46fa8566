package io.pinfold.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once the broker acknowledged.
 * At-least-once: a crash after publishing and before deleting republishes; consumers dedupe by ce_id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final RelayLease lease;
    private final OutboxPublisher publisher;
    private final int batchSize;
    private final Counter published;
    private final Timer lag;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean leading;
    private long timer;

    public OutboxRelay(Pool pool, RelayLease lease, OutboxPublisher publisher, MeterRegistry registry, Vertx vertx,
                       @ConfigProperty(name = "pinfold.outbox.batch-size", defaultValue = "200") int batchSize,
                       @ConfigProperty(name = "pinfold.outbox.poll-interval", defaultValue = "100ms") Duration pollInterval) {
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.pool = pool;
        this.lease = lease;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.published = Counter.builder("pinfold.outbox.published").description("Events relayed from the outbox to Kafka").register(registry);
        this.lag = Timer.builder("pinfold.outbox.lag").description("Time from commit to Kafka acknowledgement").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        // A Vert.x timer, not @Scheduled: Quarkus' scheduler cannot run more often than once a second.
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                tick().subscribe().with(done -> running.set(false), failure -> running.set(false));
            }
        });
    }

    Uni<Void> tick() {
        return lease.acquireOrRenew()
                .invoke(this::noteLeadership)
                .chain(leader -> leader ? relayAll() : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> LOG.warnf("outbox relay: %s (will retry)", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Drains the outbox batch by batch; returns when it is empty. */
    Uni<Void> relayAll() {
        return relayBatch().chain(count -> count >= batchSize ? relayAll() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> relayBatch() {
        return pool.preparedQuery("""
                SELECT seq, event_id, topic, record_key, event_type, event_source, subject, event_time, payload,
                       traceparent, tracestate
                FROM outbox_event ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<PendingEvent> batch = new ArrayList<>();
                    for (Row row : rows) {
                        batch.add(PendingEvent.from(row));
                    }
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publisher.publishInOrder(batch)
                            .chain(() -> delete(batch))
                            .invoke(() -> record(batch))
                            .replaceWith(batch.size());
                });
    }

    private Uni<Void> delete(List<PendingEvent> batch) {
        long last = batch.get(batch.size() - 1).seq();
        return pool.preparedQuery("DELETE FROM outbox_event WHERE seq <= $1").execute(Tuple.of(last)).replaceWithVoid();
    }

    private void record(List<PendingEvent> batch) {
        published.increment(batch.size());
        OffsetDateTime now = OffsetDateTime.now();
        for (PendingEvent event : batch) {
            lag.record(Duration.between(event.time(), now));
        }
    }

    private void noteLeadership(boolean leader) {
        if (leader != leading) {
            LOG.infof("outbox relay: %s (lease owner %s)", leader ? "leading" : "standing by", lease.owner());
            leading = leader;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
        if (leading) {
            lease.release().await().atMost(Duration.ofSeconds(2));
        }
    }
}
