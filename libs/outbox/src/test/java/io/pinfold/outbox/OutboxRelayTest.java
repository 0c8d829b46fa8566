package io.pinfold.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.Topic;
import io.pinfold.events.gc.GcProgress;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The real {@link Outbox} and the real relay of a Quarkus application, on a real PostgreSQL and a real broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "outbox_relay_test"))
class OutboxRelayTest {
    private static final int WRITERS = 12;
    private static final int ROUNDS = 40;
    private static final int KEYS = 6;

    @Inject
    Outbox outbox;
    @Inject
    Pool pool;

    /**
     * Many writers append while the relay publishes: some transactions stay open across many relay ticks, some
     * roll back, most commit at once. Every committed event must reach the topic, no rolled-back one may, and each
     * key's events must arrive in the order their transactions committed. The commit order per key is measured,
     * not assumed: as its last statement each transaction bumps a per-key counter row, whose row lock makes the
     * counter value the key's commit order.
     */
    @Test
    void everyCommittedEventArrivesInItsKeysCommitOrderAndNoRolledBackOneDoes() throws Exception {
        OutboxTables.create(pool);
        TestTopics.ensure(Topic.GC);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("relay-" + run + "-" + k);
            pool.preparedQuery("INSERT INTO key_commit (record_key, n) VALUES ($1, 0)")
                    .execute(Tuple.of(keys.get(k))).await().atMost(Duration.ofSeconds(10));
        }

        Map<String, Committed> committed = new ConcurrentHashMap<>();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Random random = new Random(w);
            done.add(writers.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    String key = keys.get(random.nextInt(KEYS));
                    int dice = random.nextInt(100);
                    // A quarter stay open for 8 to 20 relay ticks (20 ms each), a sixth roll back, the rest commit at once.
                    long holdMillis = dice < 25 ? 160 + random.nextInt(240) : 0;
                    boolean rollback = dice >= 25 && dice < 42;
                    write(key, round, holdMillis, rollback, committed, rolledBack);
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();

        awaitOutboxEmpty();
        List<ConsumerRecord<String, byte[]>> arrived = TestTopics.readAll(Topic.GC.topicName(), keys::contains);

        Set<String> seen = new HashSet<>();
        Map<String, List<Integer>> orderPerKey = new HashMap<>();
        int duplicates = 0;
        int phantoms = 0;
        for (ConsumerRecord<String, byte[]> record : arrived) {
            String id = TopicProbe.header(record, "ce_id");
            if (rolledBack.contains(id)) {
                phantoms++;
            }
            if (!seen.add(id)) {
                duplicates++;
                continue;
            }
            Committed event = committed.get(id);
            if (event != null) {
                orderPerKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event.commitIndex());
            }
        }
        int violations = 0;
        for (List<Integer> order : orderPerKey.values()) {
            for (int i = 1; i < order.size(); i++) {
                if (order.get(i) < order.get(i - 1)) {
                    violations++;
                }
            }
        }
        Set<String> lost = new HashSet<>(committed.keySet());
        lost.removeAll(seen);
        System.out.printf("outbox relay under concurrent writers: committed %d, rolled back %d, arrived %d distinct "
                        + "(%d duplicates), lost %d, rolled-back arrived %d, per-key order violations %d%n",
                committed.size(), rolledBack.size(), seen.size(), duplicates, lost.size(), phantoms, violations);

        assertThat(lost).as("committed events that never reached the topic").isEmpty();
        assertThat(phantoms).as("rolled-back events on the topic").isZero();
        assertThat(violations).as("events of a key arriving out of commit order").isZero();
        assertThat(committed).hasSizeGreaterThan(WRITERS * ROUNDS / 2);
    }

    @Test
    void aRowOfAnUnknownTypeAndATombstonePassThroughTheRelay() throws Throwable {
        OutboxTables.create(pool);
        TestTopics.ensure(Topic.NODES);
        String key = "relay-opaque-" + UUID.randomUUID().toString().substring(0, 8);
        String unknownId = UUID.randomUUID().toString();
        // As a newer version of the service would write it: a type this relay has never heard of, first in line.
        pool.preparedQuery("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, event_source, event_time, payload)
                VALUES ($1, $2, $3, 'io.pinfold.node.renamed.v9', '/pinfold/pin-service', now(), '{"future":true}')""")
                .execute(Tuple.of(unknownId, Topic.NODES.topicName(), key)).await().atMost(Duration.ofSeconds(10));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.appendTombstone(Topic.NODES, key, PinfoldSource.PIN_SERVICE)));

        awaitOutboxEmpty();
        List<ConsumerRecord<String, byte[]>> arrived = TestTopics.readAll(Topic.NODES.topicName(), key::equals);

        assertThat(arrived).hasSize(2);
        ConsumerRecord<String, byte[]> unknown = arrived.get(0);
        assertThat(TopicProbe.header(unknown, "ce_id")).isEqualTo(unknownId);
        assertThat(TopicProbe.header(unknown, "ce_type")).isEqualTo("io.pinfold.node.renamed.v9");
        assertThat(new String(unknown.value(), StandardCharsets.UTF_8)).isEqualTo("{\"future\":true}");
        ConsumerRecord<String, byte[]> tombstone = arrived.get(1);
        assertThat(tombstone.key()).isEqualTo(key);
        assertThat(tombstone.value()).isNull();
        assertThat(TopicProbe.header(tombstone, "ce_source")).isEqualTo(PinfoldSource.PIN_SERVICE.uri());
        assertThat(TopicProbe.header(tombstone, "ce_id")).isNotBlank();
        assertThat(TopicProbe.header(tombstone, "ce_type")).isNull();
    }

    @Test
    void aTombstoneIsRefusedOnATopicThatIsNotCompacted() {
        assertThatThrownBy(() -> outbox.appendTombstone(Topic.PINS, "k", PinfoldSource.PIN_SERVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topic: pinfold.pins is not compacted");
    }

    private void write(String key, int round, long holdMillis, boolean rollback, Map<String, Committed> committed,
                       Set<String> rolledBack) {
        EventEnvelope<GcProgress> event = EventEnvelope.create(PinfoldSource.GC_SERVICE,
                new GcProgress(UUID.randomUUID().toString(), key, round, 0, 0, null));
        String id = event.metadata().id();
        try {
            Integer commitIndex = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event)
                    .chain(() -> holdMillis > 0 ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(holdMillis))
                            : Uni.createFrom().voidItem())
                    .chain(() -> rollback ? Uni.createFrom().failure(new RolledBack()) : bumpCommitCounter(key))));
            committed.put(id, new Committed(key, commitIndex));
        } catch (Throwable failure) {
            if (!(failure instanceof RolledBack) && !(failure.getCause() instanceof RolledBack)) {
                throw new AssertionError("writer failed: " + failure, failure);
            }
            rolledBack.add(id);
        }
    }

    /** The last statement of the transaction: the row lock it takes orders same-key transactions by commit. */
    private static Uni<Integer> bumpCommitCounter(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE key_commit SET n = n + 1 WHERE record_key = :key")
                .setParameter("key", key)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("SELECT n FROM key_commit WHERE record_key = :key", Integer.class)
                        .setParameter("key", key)
                        .getSingleResult()));
    }

    private void awaitOutboxEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long pending = pool.query("SELECT count(*) FROM outbox_event").execute()
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            if (pending == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the relay did not drain the outbox within 60 s");
    }

    private record Committed(String key, int commitIndex) {
    }

    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }
}
