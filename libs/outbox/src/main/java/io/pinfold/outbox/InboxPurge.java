package io.pinfold.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes inbox entries older than {@code pinfold.inbox.retention}, a bounded batch at a time. Every copy of a
 * service runs it: the DELETE is harmless when another copy got there first. The retention must exceed how far
 * back a consumer can be rewound (the topic's retention, or an operator's offset reset), or a replayed event would
 * be applied a second time.
 */
@ApplicationScoped
public class InboxPurge {
    private static final Logger LOG = Logger.getLogger(InboxPurge.class);

    private final Pool pool;
    private final Vertx vertx;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private final Counter purged;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public InboxPurge(Pool pool, Vertx vertx, MeterRegistry registry,
                      @ConfigProperty(name = "pinfold.inbox.retention", defaultValue = "7d") Duration retention,
                      @ConfigProperty(name = "pinfold.inbox.purge-interval", defaultValue = "1h") Duration interval,
                      @ConfigProperty(name = "pinfold.inbox.purge-batch-size", defaultValue = "10000") int batchSize) {
        this.pool = pool;
        this.vertx = vertx;
        this.retention = retention;
        this.interval = interval;
        this.batchSize = batchSize;
        this.purged = Counter.builder("pinfold.inbox.purged").description("Inbox entries deleted after their retention").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                purgeExpired().subscribe().with(count -> running.set(false), failure -> {
                    running.set(false);
                    LOG.warnf("inbox purge: %s (will retry in %s)", failure.getMessage(), interval);
                });
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes every entry received more than the retention ago, batch by batch; returns how many. */
    public Uni<Long> purgeExpired() {
        return purgeBatch().chain(deleted -> deleted < batchSize
                ? Uni.createFrom().item((long) deleted)
                : purgeExpired().map(rest -> rest + deleted));
    }

    private Uni<Integer> purgeBatch() {
        return pool.preparedQuery("""
                        DELETE FROM inbox_event WHERE ctid IN (
                            SELECT ctid FROM inbox_event WHERE received_at < now() - make_interval(secs => $1) LIMIT $2)""")
                .execute(Tuple.of((double) retention.toSeconds(), batchSize))
                .map(rows -> rows.rowCount())
                .invoke(count -> purged.increment(count));
    }
}
