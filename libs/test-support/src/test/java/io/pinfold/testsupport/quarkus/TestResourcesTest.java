package io.pinfold.testsupport.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.testsupport.kafka.KafkaBroker;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.pinfold.testsupport.tracing.Jaeger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each Quarkus test resource hands to Quarkus points at a part that really answers. */
class TestResourcesTest {

    @Test
    void kafkaResourceSetsTheSharedBrokersBootstrapServers() {
        Map<String, String> config = new KafkaTestResource().start();
        assertThat(config).containsExactly(Map.entry("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers()));
    }

    @Test
    void postgresResourceCreatesTheNamedDatabaseAndPointsBothDatasourcesAtIt() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE_ARG, "test_support_resource"));

        Map<String, String> config = resource.start();

        Postgres postgres = Postgres.shared();
        String address = postgres.host() + ":" + postgres.port() + "/test_support_resource";
        assertThat(config)
                .containsEntry("quarkus.datasource.reactive.url", "vertx-reactive:postgresql://" + address)
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + address)
                .containsEntry("quarkus.datasource.username", postgres.user())
                .containsEntry("quarkus.datasource.password", postgres.password());
        PostgresDatabase database = new PostgresDatabase(postgres.host(), postgres.port(), "test_support_resource",
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
        try (Connection connection = Postgres.connect(database); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("test_support_resource");
        }
    }

    @Test
    void postgresResourceWithoutANameMakesADifferentDatabaseEachTime() {
        PostgresTestResource first = new PostgresTestResource();
        first.init(Map.of());
        PostgresTestResource second = new PostgresTestResource();
        second.init(Map.of());

        assertThat(first.start().get("quarkus.datasource.jdbc.url"))
                .isNotEqualTo(second.start().get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void kuboResourceListsEveryNodesRpcAndGatewayInTheSameOrder() {
        Map<String, String> config = new KuboTestResource().start();

        KuboNodes nodes = KuboNodes.shared();
        String[] rpc = config.get(KuboTestResource.RPC_URLS_PROPERTY).split(",");
        String[] gateway = config.get(KuboTestResource.GATEWAY_URLS_PROPERTY).split(",");
        assertThat(rpc).hasSize(nodes.size()).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(rpc[i]).isEqualTo(nodes.node(i + 1).rpc());
            assertThat(gateway[i]).isEqualTo(nodes.node(i + 1).gateway());
        }
    }

    @Test
    void jaegerResourceSendsTracesToTheSharedJaeger() {
        Map<String, String> config = new JaegerTestResource().start();

        assertThat(config).containsEntry("quarkus.otel.exporter.otlp.endpoint", Jaeger.shared().otlpEndpoint());
        assertThat(config).containsEntry(JaegerTestResource.QUERY_URL_PROPERTY, Jaeger.shared().queryUrl());
        assertThat(Jaeger.shared().query().services()).isNotNull();
    }
}
