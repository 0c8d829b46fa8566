package io.pinfold.testsupport.quarkus;

import io.pinfold.testsupport.net.CuttableLink;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Optional;

/**
 * Like {@link PostgresTestResource}, but the service reaches its database through a {@link CuttableLink}, which the
 * test gets in a field of that type and can cut to take the database away (and restore) without stopping the
 * shared PostgreSQL. Init argument {@code database} names the database, as for {@link PostgresTestResource}.
 */
public class CuttablePostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private Optional<String> requestedName = Optional.empty();
    private CuttableLink link;

    @Override
    public void init(Map<String, String> initArgs) {
        requestedName = Optional.ofNullable(initArgs.get(PostgresTestResource.DATABASE_ARG)).filter(name -> !name.isBlank());
    }

    @Override
    public Map<String, String> start() {
        Postgres postgres = Postgres.shared();
        PostgresDatabase database = requestedName.map(postgres::createDatabase).orElseGet(postgres::createDatabase);
        link = CuttableLink.to(database.host(), database.port());
        PostgresDatabase linked = new PostgresDatabase(link.host(), link.port(), database.name(), database.user(), database.password());
        return Map.of(
                "quarkus.datasource.reactive.url", linked.reactiveUrl(),
                "quarkus.datasource.jdbc.url", linked.jdbcUrl(),
                "quarkus.datasource.username", linked.user(),
                "quarkus.datasource.password", linked.password());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(link, new TestInjector.MatchesType(CuttableLink.class));
    }

    @Override
    public void stop() {
        if (link != null) {
            link.close();
        }
    }
}
