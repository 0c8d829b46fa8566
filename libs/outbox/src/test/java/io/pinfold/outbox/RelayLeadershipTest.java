package io.pinfold.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.pinfold.testsupport.kafka.KafkaBroker;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two relays on one database and one broker. Relay A's publisher stalls on its first send (as a paused process or
 * a send stuck for longer than the lease would), so its lease runs out and relay B takes over; when A resumes, it
 * must publish nothing. Lease 3 s, sends settle within 1.5 s (max-block 0.5 s + delivery timeout 1 s).
 */
class RelayLeadershipTest {
    private static final Duration LEASE_TTL = Duration.ofSeconds(3);

    private static Vertx vertx;
    private static Pool pool;

    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<KafkaOutboxPublisher> publishers = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void database() {
        PostgresDatabase database = Postgres.shared().createDatabase("outbox_leadership_test");
        vertx = Vertx.vertx();
        PgConnectOptions connect = PgConnectOptions.fromUri(database.jdbcUrl().replaceFirst("^jdbc:", ""))
                .setUser(database.user()).setPassword(database.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(6)).connectingTo(connect).using(vertx).build();
        OutboxTables.create(pool);
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void freshTopicAndTables() throws Exception {
        topic = "outbox-leadership-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        pool.query("DELETE FROM outbox_event").execute().await().atMost(Duration.ofSeconds(10));
        pool.query("DELETE FROM outbox_lease").execute().await().atMost(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        publishers.forEach(KafkaOutboxPublisher::close);
    }

    @Test
    void aRelayThatStalledPastItsLeasePublishesNothingOnceItResumes() throws Exception {
        StallingPublisher stalled = new StallingPublisher(kafkaPublisher());
        OutboxRelay a = relay(stalled);
        String first = insert("k1");
        insert("k1");
        a.start();
        await("relay A to stall on its first send", () -> stalled.stalledOnce.isDone());

        OutboxRelay b = relay(kafkaPublisher());
        b.start();
        String second = insert("k2");
        await("relay B to take over and drain the outbox", () -> pending() == 0);

        int acknowledgedBeforeResume = stalled.acknowledged.get();
        stalled.resume();
        // A resumes with the wave it was handed while leading; give it a few ticks to (not) publish anything.
        String third = insert("k3");
        await("relay B to publish what was written after A resumed", () -> pending() == 0);
        Thread.sleep(LEASE_TTL.toMillis());

        assertThat(stalled.acknowledged.get()).as("records relay A got acknowledged after it resumed")
                .isEqualTo(acknowledgedBeforeResume).isZero();
        List<ConsumerRecord<String, byte[]>> arrived = TestTopics.readAll(topic, key -> true);
        assertThat(arrived).extracting(record -> TopicProbe.header(record, "ce_id"))
                .as("each event once, published by B alone").doesNotHaveDuplicates().hasSize(4)
                .contains(first, second, third);
    }

    @Test
    void aStoppingRelayGivesItsLeaseUpOnlyAfterItsLastSendSettled() throws Exception {
        StallingPublisher stalled = new StallingPublisher(kafkaPublisher());
        OutboxRelay a = relay(stalled);
        insert("k1");
        a.start();
        await("relay A to stall on its first send", () -> stalled.stalledOnce.isDone());

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(a::stop);
        Thread.sleep(300);
        assertThat(stopped).as("stop waits for the send under way").isNotDone();
        assertThat(leaseRows()).as("the lease while a send is under way").isEqualTo(1);

        stalled.resume();
        stopped.get();
        assertThat(leaseRows()).as("the lease once the last send settled").isZero();
    }

    private OutboxRelay relay(OutboxPublisher publisher) {
        OutboxRelay relay = new OutboxRelay(pool, new RelayLease(pool, LEASE_TTL), publisher, new SimpleMeterRegistry(),
                vertx, 200, Duration.ofMillis(50));
        relays.add(relay);
        return relay;
    }

    private KafkaOutboxPublisher kafkaPublisher() {
        KafkaOutboxPublisher publisher = new KafkaOutboxPublisher(
                Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
                Duration.ofMillis(1000), Duration.ofMillis(800), Duration.ofMillis(1), Duration.ofMillis(500),
                OpenTelemetry.noop(), new SimpleMeterRegistry());
        publishers.add(publisher);
        return publisher;
    }

    private String insert(String key) {
        String id = UUID.randomUUID().toString();
        pool.preparedQuery("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, event_source, event_time, payload)
                VALUES ($1, $2, $3, 'io.pinfold.test.happened', '/pinfold/test', now(), '{}')""")
                .execute(Tuple.of(id, topic, key)).await().atMost(Duration.ofSeconds(10));
        return id;
    }

    private static long pending() {
        return pool.query("SELECT count(*) FROM outbox_event").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static long leaseRows() {
        return pool.query("SELECT count(*) FROM outbox_lease").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Stalls the first wave handed to it until {@link #resume}, then passes everything on; counts the records the
     * broker acknowledged through it after the stall began.
     */
    private static final class StallingPublisher implements OutboxPublisher {
        private final OutboxPublisher delegate;
        private final CompletableFuture<Void> stalledOnce = new CompletableFuture<>();
        private final CompletableFuture<Void> resumed = new CompletableFuture<>();
        private final AtomicInteger acknowledged = new AtomicInteger();

        StallingPublisher(OutboxPublisher delegate) {
            this.delegate = delegate;
        }

        void resume() {
            resumed.complete(null);
        }

        @Override
        public Uni<List<Outcome>> publish(List<PendingEvent> events, HandOverDeadline deadline) {
            Uni<Void> gate = stalledOnce.complete(null) ? Uni.createFrom().completionStage(resumed) : Uni.createFrom().voidItem();
            return gate.chain(() -> delegate.publish(events, deadline))
                    .invoke(outcomes -> acknowledged.addAndGet((int) outcomes.stream().filter(Outcome::isAcknowledged).count()));
        }

        @Override
        public Duration settleBound() {
            return delegate.settleBound();
        }
    }
}
