package io.pinfold.pin.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.pinfold.pin.tenant.AdminAccess;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The node registry against real PostgreSQL, Kafka and Kubo: what it stores, what it publishes, what it refuses. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class NodeRegistryTest {

    /** Health, metrics and OpenAPI answer on the management interface; Quarkus injects its URL with the /q root path. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void configuredNodesAreRegisteredWithTheirPeerIdsAndAnnounced() {
        KuboNode first = KuboNodes.shared().first();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> operator().when().get("/nodes/kubo-1")
                .then().statusCode(200)
                .body("peerId", equalTo(first.peerId()))
                .body("rpcUrl", equalTo(first.rpc()))
                .body("gatewayUrl", equalTo(first.gateway()))
                .body("state", equalTo("active"))
                .body("kuboVersion", equalTo("0.43.1")));

        List<ConsumerRecord<String, byte[]>> records = TopicProbe.shared().await("pinfold.nodes",
                record -> "kubo-1".equals(record.key()), Duration.ofSeconds(20));
        assertThat(records).isNotEmpty();
        ConsumerRecord<String, byte[]> record = records.get(records.size() - 1);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("io.pinfold.node.registered");
        assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/pinfold/pin-service");
        assertThat(TopicProbe.header(record, "ce_subject")).isEqualTo("kubo-1");
        assertThat(TopicProbe.header(record, "traceparent")).isNotBlank();
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"peerId\":\"" + first.peerId() + "\"")
                .contains("\"gatewayUrl\":\"" + first.gateway() + "\"");
    }

    @Test
    void registeringANodeUnderASecondNameIsAConflict() {
        KuboNode second = KuboNodes.shared().second();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> operator().get("/nodes/kubo-2").then().statusCode(200));
        operator().contentType(ContentType.JSON)
                .body("{\"id\":\"other-name\",\"rpcUrl\":\"" + second.rpc() + "\",\"gatewayUrl\":\"" + second.gateway() + "\"}")
                .when().post("/nodes")
                .then().statusCode(409)
                .body("error.reason", equalTo("CONFLICT"))
                .body("error.details", containsString("already registered as 'kubo-2'"));
    }

    @Test
    void reRegisteringAnUnchangedNodePublishesNothingNew() {
        KuboNode first = KuboNodes.shared().first();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> operator().get("/nodes/kubo-1").then().statusCode(200));
        int before = TopicProbe.shared().await("pinfold.nodes", record -> "kubo-1".equals(record.key()), Duration.ofSeconds(10)).size();
        operator().contentType(ContentType.JSON)
                .body("{\"id\":\"kubo-1\",\"rpcUrl\":\"" + first.rpc() + "\",\"gatewayUrl\":\"" + first.gateway() + "\"}")
                .when().post("/nodes")
                .then().statusCode(201).body("id", equalTo("kubo-1"));
        int after = TopicProbe.shared().await("pinfold.nodes", record -> "kubo-1".equals(record.key()), Duration.ofSeconds(5)).size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void badFieldsAreNamedInTheError() {
        operator().contentType(ContentType.JSON)
                .body("{\"id\":\"Bad Name\",\"rpcUrl\":\"ftp://x\",\"gatewayUrl\":\"\"}")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.reason", equalTo("BAD_REQUEST"))
                .body("error.details", containsString("id: must be a DNS label"))
                .body("error.details", containsString("gatewayUrl: must not be blank"));

        operator().contentType(ContentType.JSON)
                .body("{\"id\":\"x1\",\"rpcUrl\":\"ftp://x\",\"gatewayUrl\":\"http://127.0.0.1:1\"}")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.details", equalTo("rpcUrl: must be an http or https URL, got 'ftp://x'"));

        operator().contentType(ContentType.JSON).body("{\"id\": 12,")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.details", containsString("not valid JSON"));

        operator().contentType(ContentType.JSON)
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.details", containsString("request body is required"));
    }

    @Test
    void aNodeThatDoesNotAnswerIsRefusedWithItsUrl() {
        operator().contentType(ContentType.JSON)
                .body("{\"id\":\"ghost\",\"rpcUrl\":\"http://127.0.0.1:9\",\"gatewayUrl\":\"http://127.0.0.1:9\"}")
                .when().post("/nodes")
                .then().statusCode(422)
                .body("error.details", containsString("rpcUrl: the Kubo node at http://127.0.0.1:9 did not answer"));
        operator().get("/nodes/ghost").then().statusCode(404).body("error.details", equalTo("no node with id 'ghost'"));
    }

    @Test
    void readinessChecksKafkaPostgresAndKubo() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kubo nodes"))
                .body("checks.name", hasItem("Kafka topics"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka"))));
    }

    @Test
    void serviceDocumentsItselfAndExportsMetrics() {
        management().get("/q/openapi").then().statusCode(200).body(containsString("/nodes"));
        management().get("/q/metrics").then().statusCode(200).body(containsString("pinfold_outbox_published"));
    }

    /** /nodes needs the operator's token; the test profile configures a known one. */
    private static RequestSpecification operator() {
        return given().auth().oauth2(AdminAccess.TOKEN);
    }

    private RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
