package io.pinfold.takedown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.pinfold.testsupport.kafka.KafkaBroker;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** takedown-service on real Kafka and PostgreSQL: ready, its topics created as the contract says, documented. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "takedown_service_test"))
class TakedownServiceReadinessTest {

    /** Health, metrics and OpenAPI answer on the management interface; Quarkus injects its URL with the /q root path. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readyOnKafkaAndPostgresWithoutAnyKuboCheck() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka topics"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", not(hasItem("Kubo nodes"))));
    }

    @Test
    void theDenylistTopicIsCompactedAndTheTakedownLogIsNot() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready").then().statusCode(200));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()))) {
            ConfigResource denylist = new ConfigResource(ConfigResource.Type.TOPIC, "pinfold.denylist");
            ConfigResource takedowns = new ConfigResource(ConfigResource.Type.TOPIC, "pinfold.takedowns");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(denylist, takedowns)).all().get(10, TimeUnit.SECONDS);
            assertThat(configs.get(denylist).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(takedowns).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of("pinfold.denylist")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("pinfold.denylist").partitions()).hasSize(6);
        }
    }

    @Test
    void servesItsOpenApiDocumentAndPrometheusMetrics() {
        management().get("/q/openapi").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200);
    }

    private RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
