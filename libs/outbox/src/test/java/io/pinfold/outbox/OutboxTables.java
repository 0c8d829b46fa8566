package io.pinfold.outbox;

import io.vertx.mutiny.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The library's own migration, run as a service's Flyway would run it, plus the tables tests keep their truth in. */
final class OutboxTables {

    private OutboxTables() {
    }

    static void create(Pool pool) {
        try (InputStream ddl = OutboxTables.class.getResourceAsStream("/db/outbox/R__pinfold_outbox.sql")) {
            pool.query(new String(ddl.readAllBytes(), StandardCharsets.UTF_8)).execute().await().atMost(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool.query("CREATE TABLE IF NOT EXISTS key_commit (record_key TEXT PRIMARY KEY, n INT NOT NULL)")
                .execute().await().atMost(Duration.ofSeconds(10));
    }
}
