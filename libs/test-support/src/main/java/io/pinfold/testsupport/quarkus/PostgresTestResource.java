package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a Quarkus test a fresh, empty database on the shared real PostgreSQL ({@link Postgres#shared()})
 * and points the default datasource (reactive and JDBC) at it. The name comes from the init argument
 * {@code database}, e.g. {@code @WithTestResource(value = PostgresTestResource.class, initArgs =
 * @ResourceArg(name = "database", value = "pin_service_test"))}; without it a random name is used.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private Optional<String> requestedName = Optional.empty();

    @Override
    public void init(Map<String, String> initArgs) {
        requestedName = Optional.ofNullable(initArgs.get(DATABASE_ARG)).filter(name -> !name.isBlank());
    }

    @Override
    public Map<String, String> start() {
        Postgres postgres = Postgres.shared();
        PostgresDatabase database = requestedName.map(postgres::createDatabase).orElseGet(postgres::createDatabase);
        return Map.of(
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        // the database stays for a look after a failed run; the next run of that name starts it afresh
    }
}
