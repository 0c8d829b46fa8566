package io.pinfold.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pinfold.runtime.metrics.OwnedGauges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows and deletes exactly the rows the broker acknowledged, by seq, never a range: seqs are
 * taken at insert and transactions commit out of seq order, so "everything up to N" would include rows this
 * relay never saw.
 *
 * <p><b>Order promised: per key (topic + record key), commit order.</b> {@link Outbox#append} serialises the
 * writers of one key with a transaction-scoped advisory lock taken before the row gets its seq, so of two
 * transactions appending to one key, the second takes its seq only after the first committed or rolled back:
 * per key, seq order is commit order. The relay reads visible rows in seq order with one snapshot, and a
 * snapshot that shows a key's later row shows its earlier one too (the earlier transaction had committed
 * before the later one could even take its seq). So each batch holds, per key, a gap-free prefix of that key's
 * remaining events in commit order, and a row that commits late carries a seq higher than any row of its key
 * already published. Rows of different keys may be published out of commit order; nothing promises otherwise
 * (Kafka orders only within a partition, and a key lives in one partition).
 *
 * <p>Within a batch the relay publishes in {@link KeyWaves} (at most one event per key in flight), so a failed
 * send is never overtaken by its key's next event. At-least-once: a crash after publishing and before deleting
 * republishes; consumers deduplicate by (ce_source, ce_id).
 *
 * <p><b>One leader.</b> Each wave is handed over only while the {@link RelayLease} has longer left than the
 * publisher's {@link OutboxPublisher#settleBound()} (renewing when short), and the publisher re-checks that
 * deadline right before each record; once it fails, the relay stops draining. On shutdown it stops the timer,
 * waits (bounded) for the running tick, whose sends have all settled when it ends, and only then releases.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final RelayLease lease;
    private final OutboxPublisher publisher;
    private final int batchSize;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final Counter published;
    private final Counter failures;
    private final Counter batches;
    private final Timer lag;
    private final OwnedGauges gauges;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean leading;
    private volatile CompletableFuture<Void> currentTick = CompletableFuture.completedFuture(null);
    private long timer = -1;

    public OutboxRelay(Pool pool, RelayLease lease, OutboxPublisher publisher, MeterRegistry registry, Vertx vertx,
                       @ConfigProperty(name = "pinfold.outbox.batch-size", defaultValue = "200") int batchSize,
                       @ConfigProperty(name = "pinfold.outbox.poll-interval", defaultValue = "100ms") Duration pollInterval) {
        Duration settle = publisher.settleBound();
        if (lease.ttl().compareTo(settle.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("pinfold.outbox.lease-ttl (" + lease.ttl() + ") must be at least twice "
                    + "pinfold.outbox.max-block + pinfold.outbox.delivery-timeout (" + settle + "), so a record handed over "
                    + "while this relay leads settles before its lease can pass to another copy");
        }
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.pool = pool;
        this.lease = lease;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.published = Counter.builder("pinfold.outbox.published").description("Events relayed from the outbox to Kafka").register(registry);
        this.failures = Counter.builder("pinfold.outbox.failures").description("Events whose send failed; they stay in the outbox and are retried").register(registry);
        this.batches = Counter.builder("pinfold.outbox.batches").description("Batches read from the outbox").register(registry);
        this.lag = Timer.builder("pinfold.outbox.lag").description("Time from the event to its Kafka acknowledgement").register(registry);
        this.gauges = new OwnedGauges(registry);
        gauges.register("pinfold.outbox.leader", "1 while this copy holds the relay lease", Tags.empty(),
                this, relay -> relay.leading ? 1 : 0);
    }

    @PreDestroy
    void closeGauges() {
        gauges.close();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts polling. A Vert.x timer, not @Scheduled: Quarkus' scheduler cannot run more often than once a second. */
    public void start() {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            if (!stopping && running.compareAndSet(false, true)) {
                CompletableFuture<Void> settled = new CompletableFuture<>();
                currentTick = settled;
                tick().subscribe().with(done -> {
                    running.set(false);
                    settled.complete(null);
                });
            }
        });
    }

    /** Stops polling, lets the running tick settle (bounded), then gives the lease up. */
    public void stop() {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Duration wait = publisher.settleBound().plusSeconds(2);
        try {
            currentTick.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("outbox relay: the last batch did not settle within %s; leaving the lease to expire", wait);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            // tick() recovers from every failure; nothing to do
        }
        if (leading) {
            leading = false;
            lease.release().await().atMost(Duration.ofSeconds(2));
        }
    }

    Uni<Void> tick() {
        return lease.acquireOrRenew()
                .invoke(this::noteLeadership)
                .chain(leader -> leader ? drain() : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> LOG.warnf("outbox relay: %s (will retry)", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Relays batch after batch until the outbox is empty, a send fails, the lease runs short or the relay stops. */
    private Uni<Void> drain() {
        return relayBatch().chain(more -> more && !stopping ? drain() : Uni.createFrom().voidItem());
    }

    /** True when the batch was full and all of it was published, so more may be waiting. */
    private Uni<Boolean> relayBatch() {
        return pool.preparedQuery("SELECT " + PendingEvent.COLUMNS + " FROM outbox_event ORDER BY seq LIMIT $1")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<PendingEvent> batch = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        batch.add(PendingEvent.from(row));
                    }
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    batches.increment();
                    List<PendingEvent> acknowledged = new ArrayList<>(batch.size());
                    return publishWaves(KeyWaves.of(batch), 0, acknowledged)
                            .call(() -> delete(acknowledged))
                            .invoke(() -> record(acknowledged))
                            .map(whole -> whole && batch.size() >= batchSize);
                });
    }

    /** Publishes wave after wave while the lease allows; true when every wave was acknowledged whole. */
    private Uni<Boolean> publishWaves(List<List<PendingEvent>> waves, int index, List<PendingEvent> acknowledged) {
        if (index == waves.size()) {
            return Uni.createFrom().item(true);
        }
        if (stopping) {
            return Uni.createFrom().item(false);
        }
        return lease.handOverDeadline(publisher.settleBound()).chain(deadline -> {
            if (deadline.isEmpty()) {
                noteLeadership(false);
                return Uni.createFrom().item(false);
            }
            return publisher.publish(waves.get(index), deadline.get()).chain(outcomes -> {
                boolean whole = true;
                for (OutboxPublisher.Outcome outcome : outcomes) {
                    if (outcome.isAcknowledged()) {
                        acknowledged.add(outcome.event());
                        continue;
                    }
                    if (!(outcome.failure() instanceof LeaseEndingException)) {
                        failures.increment();
                        if (whole) {
                            LOG.warnf("outbox relay: event %s (seq %d, topic %s) not published: %s; it stays in the outbox "
                                    + "and is retried", outcome.event().eventId(), outcome.event().seq(),
                                    outcome.event().topic(), outcome.failure().getMessage());
                        }
                    }
                    whole = false;
                }
                return whole ? publishWaves(waves, index + 1, acknowledged) : Uni.createFrom().item(false);
            });
        });
    }

    private Uni<Void> delete(List<PendingEvent> acknowledged) {
        if (acknowledged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] seqs = acknowledged.stream().map(PendingEvent::seq).toArray(Long[]::new);
        return pool.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)").execute(Tuple.of(seqs)).replaceWithVoid();
    }

    private void record(List<PendingEvent> acknowledged) {
        published.increment(acknowledged.size());
        OffsetDateTime now = OffsetDateTime.now();
        for (PendingEvent event : acknowledged) {
            lag.record(Duration.between(event.time(), now));
        }
    }

    private void noteLeadership(boolean leader) {
        if (leader != leading) {
            LOG.infof("outbox relay: %s (lease owner %s)", leader ? "leading" : "standing by", lease.owner());
            leading = leader;
        }
    }
}
