package io.pinfold.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay lease on a real PostgreSQL: one leader among copies, hand-over on release and on expiry. */
class RelayLeaseTest {
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void database() throws IOException {
        PostgresDatabase database = Postgres.shared().createDatabase("outbox_lease_test");
        vertx = Vertx.vertx();
        PgConnectOptions connect = PgConnectOptions.fromUri(database.jdbcUrl().replaceFirst("^jdbc:", ""))
                .setUser(database.user()).setPassword(database.password());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
        try (InputStream ddl = RelayLeaseTest.class.getResourceAsStream("/db/outbox/R__pinfold_outbox.sql")) {
            pool.query(new String(ddl.readAllBytes(), StandardCharsets.UTF_8)).execute().await().atMost(Duration.ofSeconds(10));
        }
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void onlyOneCopyLeadsAndTheOtherTakesOverWhenItIsReleased() {
        pool.query("DELETE FROM outbox_lease").execute().await().indefinitely();
        RelayLease first = new RelayLease(pool, Duration.ofSeconds(10));
        RelayLease second = new RelayLease(pool, Duration.ofSeconds(10));

        assertThat(first.acquireOrRenew().await().indefinitely()).isTrue();
        assertThat(second.acquireOrRenew().await().indefinitely()).isFalse();
        assertThat(first.acquireOrRenew().await().indefinitely()).isTrue();

        first.release().await().indefinitely();
        await(Duration.ofMillis(1100)); // a standby asks at most once per second
        assertThat(second.acquireOrRenew().await().indefinitely()).isTrue();
        assertThat(first.acquireOrRenew().await().indefinitely()).isFalse();
    }

    @Test
    void aLeaderThatStopsRenewingLosesTheLeaseWhenItExpires() {
        pool.query("DELETE FROM outbox_lease").execute().await().indefinitely();
        RelayLease crashed = new RelayLease(pool, Duration.ofSeconds(1));
        RelayLease standby = new RelayLease(pool, Duration.ofSeconds(1));

        assertThat(crashed.acquireOrRenew().await().indefinitely()).isTrue();
        assertThat(standby.acquireOrRenew().await().indefinitely()).isFalse();
        await(Duration.ofMillis(1300)); // the crashed copy never renews
        assertThat(standby.acquireOrRenew().await().indefinitely()).isTrue();
        assertThat(crashed.acquireOrRenew().await().indefinitely()).isFalse();
    }

    private static void await(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
