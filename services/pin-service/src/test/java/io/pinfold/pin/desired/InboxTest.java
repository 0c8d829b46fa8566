package io.pinfold.pin.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pinfold.outbox.Inbox;
import io.pinfold.outbox.InboxPurge;
import io.pinfold.testsupport.quarkus.CuttablePostgresTestResource;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox as a consumer uses it: an effect applied only when {@link Inbox#firstDelivery} says the event is new, in
 * one transaction. The effect here adds 1 to a counter, so it doubles the moment deduplication breaks.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = CuttablePostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_consumer_test"))
class InboxTest {

    @Inject
    Inbox inbox;

    @Inject
    InboxPurge purge;

    @Inject
    AgroalDataSource database;

    private String counter;

    @BeforeEach
    void counter() throws Exception {
        counter = "c-" + UUID.randomUUID();
        PinTopic.execute(database, "CREATE TABLE IF NOT EXISTS inbox_test_effect (name TEXT PRIMARY KEY, applied INT NOT NULL)");
        PinTopic.execute(database, "INSERT INTO inbox_test_effect VALUES ('" + counter + "', 0)");
    }

    @Test
    void theSameSourceAndIdDeliveredTwiceHasOneEffect() throws Throwable {
        deliver("/acme/ingest", "evt-1");
        deliver("/acme/ingest", "evt-1");

        assertThat(applied()).isEqualTo(1);
    }

    @Test
    void theSameIdFromTwoSourcesIsTwoEffects() throws Throwable {
        deliver("/acme/ingest", "evt-1");
        deliver("/other/uploader", "evt-1");

        assertThat(applied()).isEqualTo(2);
    }

    @Test
    void purgeRemovesEntriesOlderThanTheRetentionAndKeepsTheRest() throws Throwable {
        String consumer = "purge-" + UUID.randomUUID();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO inbox_event (consumer, source, event_id, received_at) VALUES (?, '/s', ?, now() - ?::interval)")) {
            for (String[] row : new String[][] {{"old-1", "8 days"}, {"old-2", "30 days"}, {"fresh", "6 days"}, {"new", "1 minute"}}) {
                insert.setString(1, consumer);
                insert.setString(2, row[0]);
                insert.setString(3, row[1]);
                insert.executeUpdate();
            }
        }

        long purged = VertxContextSupport.subscribeAndAwait(() -> purge.purgeExpired());

        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(remaining(consumer)).isEqualTo(2);
        // a purged id is new again: the reason the retention must exceed how far back a consumer can be rewound
        assertThat(firstDelivery(consumer, "/s", "old-1")).isTrue();
        assertThat(firstDelivery(consumer, "/s", "fresh")).isFalse();
    }

    @Test
    void theMigrationMovesAnOldInboxToTheSourceAwareKeyAndCanRunAgain() throws Exception {
        String schema = "inbox_upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String migration;
        try (var in = Inbox.class.getClassLoader().getResourceAsStream("db/outbox/R__pinfold_inbox.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            // SET LOCAL in a transaction: the pooled connection goes back with its usual search_path
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL search_path TO " + schema);
            // the inbox as the first release created it
            statement.execute("""
                    CREATE TABLE inbox_event (consumer TEXT NOT NULL, event_id TEXT NOT NULL,
                        received_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (consumer, event_id))""");
            statement.execute("INSERT INTO inbox_event (consumer, event_id) VALUES ('c', 'e1')");

            statement.execute(migration);
            statement.execute(migration); // repeatable: a second run changes nothing and does not fail

            statement.execute("INSERT INTO inbox_event (consumer, source, event_id) VALUES ('c', '/a', 'e1'), ('c', '/b', 'e1')");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM inbox_event WHERE event_id = 'e1'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rows = statement.executeQuery(
                    "INSERT INTO inbox_event (consumer, source, event_id) VALUES ('c', '/a', 'e1') ON CONFLICT DO NOTHING RETURNING 1")) {
                assertThat(rows.next()).as("the same (consumer, source, id) again is a conflict").isFalse();
            }
            connection.rollback();
            connection.setAutoCommit(true);
        } finally {
            PinTopic.execute(database, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void deliver(String source, String id) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDelivery(counter, source, id)
                .chain(first -> first
                        ? Panache.getSession().chain(session -> session
                                .createNativeQuery("UPDATE inbox_test_effect SET applied = applied + 1 WHERE name = :name")
                                .setParameter("name", counter)
                                .executeUpdate())
                        .replaceWithVoid()
                        : Uni.createFrom().voidItem())));
    }

    private boolean firstDelivery(String consumer, String source, String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDelivery(consumer, source, id)));
    }

    private int applied() throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT applied FROM inbox_test_effect WHERE name = ?")) {
            query.setString(1, counter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private long remaining(String consumer) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM inbox_event WHERE consumer = ?")) {
            query.setString(1, consumer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
