package io.pinfold.pin.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinfold.events.node.NodeState;
import io.pinfold.pin.allocate.NodeCandidate;
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
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a node sits and how much it may hold: registered over the API against real PostgreSQL, Kafka and Kubo,
 * stored, announced on pinfold.nodes, seen by the allocator's query; and every bad field refused by name.
 * Uses kubo-2 (NodeRegistryTest re-registers kubo-1 unchanged and counts its events).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class NodePlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    NodeCandidates candidates;

    @Test
    void placementIsStoredAnnouncedAndSeenByTheAllocator() throws Throwable {
        KuboNode second = KuboNodes.shared().second();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(AdminAccess.TOKEN).get("/nodes/kubo-2").then().statusCode(200));
        // A fresh tag each run, so the registration is a change (and announced) even on a database kept from before.
        String run = "r" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(AdminAccess.TOKEN).contentType(ContentType.JSON)
                .body(Map.of("id", "kubo-2", "rpcUrl", second.rpc(), "gatewayUrl", second.gateway(), "region", "eu-west-1",
                        "zone", "eu-west-1b", "capacityBytes", 5_000_000_000L, "tags", Map.of("disk", "ssd", "run", run)))
                .when().post("/nodes")
                .then().statusCode(201)
                .body("region", equalTo("eu-west-1"))
                .body("zone", equalTo("eu-west-1b"))
                .body("capacityBytes", equalTo(5_000_000_000L))
                .body("tags.disk", equalTo("ssd"));
        given().auth().oauth2(AdminAccess.TOKEN).get("/nodes/kubo-2").then().statusCode(200)
                .body("zone", equalTo("eu-west-1b"))
                .body("capacityBytes", equalTo(5_000_000_000L))
                .body("tags.run", equalTo(run));

        List<ConsumerRecord<String, byte[]>> records = TopicProbe.shared().await("pinfold.nodes",
                record -> "kubo-2".equals(record.key()) && new String(record.value()).contains(run), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        JsonNode data = JSON.readTree(records.get(0).value());
        assertThat(data.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(data.path("zone").asText()).isEqualTo("eu-west-1b");
        assertThat(data.path("capacityBytes").asLong()).isEqualTo(5_000_000_000L);
        assertThat(data.path("tags").path("disk").asText()).isEqualTo("ssd");
        assertThat(data.path("tags").path("run").asText()).isEqualTo(run);

        List<NodeCandidate> seen = VertxContextSupport.subscribeAndAwait(() -> candidates.all(Map.of("kubo-2", 42L)));
        assertThat(seen).filteredOn(node -> node.id().equals("kubo-2")).singleElement()
                .isEqualTo(new NodeCandidate("kubo-2", NodeState.ACTIVE, "eu-west-1", "eu-west-1b", 5_000_000_000L, 42L));
        assertThat(seen).extracting(NodeCandidate::id).isSorted();
    }

    /** Each row: a JSON field to set on an otherwise valid registration, and the error that must name it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"rpcUrl\":\"http://admin:secret@127.0.0.1:15002\"|rpcUrl: must not carry a user name or password",
            "\"rpcUrl\":\"http://127.0.0.1:15002/?token=x\"|rpcUrl: must not carry a query or fragment",
            "\"rpcUrl\":\"127.0.0.1:15002\"|rpcUrl: not an http or https URL",
            "\"rpcUrl\":\"ftp://127.0.0.1:15002\"|rpcUrl: must be an http or https URL, got 'ftp://127.0.0.1:15002'",
            "\"gatewayUrl\":\"http://127.0.0.1:70000\"|gatewayUrl: port must be between 1 and 65535, was 70000",
            "\"gatewayUrl\":\"http:///ipfs\"|gatewayUrl: must name a host",
            "\"gatewayUrl\":\"http://127.0.0.1:18081#x\"|gatewayUrl: must not carry a query or fragment",
            "\"capacityBytes\":-1|capacityBytes: must be at least 1, was -1",
            "\"capacityBytes\":0|capacityBytes: must be at least 1, was 0",
            "\"capacityBytes\":\"lots\"|capacityBytes:",
            "\"zone\":\"EU West\"|zone: must be 1-63 lower-case letters, digits or '-'",
            "\"zone\":\"\"|zone: must be 1-63 lower-case letters, digits or '-'",
            "\"region\":\"-eu\"|region: must be 1-63 lower-case letters, digits or '-'",
            "\"tags\":{\"bad key\":\"x\"}|tags: key 'bad key' must be 1-63 letters",
            "\"tags\":{\"disk\":\"s s d\"}|tags.disk: must be at most 63 letters",
    })
    void aBadFieldIsRefusedByName(String field, String error) {
        given().auth().oauth2(AdminAccess.TOKEN).contentType(ContentType.JSON)
                .body("{\"id\":\"placement-bad\",\"rpcUrl\":\"http://127.0.0.1:15002\",\"gatewayUrl\":\"http://127.0.0.1:18081\","
                        + field + "}")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.reason", equalTo("BAD_REQUEST"))
                .body("error.details", containsString(error));
        given().auth().oauth2(AdminAccess.TOKEN).get("/nodes/placement-bad").then().statusCode(404);
    }

    @Test
    void tooManyTagsAreRefused() {
        String tags = IntStream.rangeClosed(1, 17).mapToObj(i -> "\"t" + i + "\":\"v\"").collect(Collectors.joining(","));
        given().auth().oauth2(AdminAccess.TOKEN).contentType(ContentType.JSON)
                .body("{\"id\":\"placement-bad\",\"rpcUrl\":\"http://127.0.0.1:15002\",\"gatewayUrl\":\"http://127.0.0.1:18081\","
                        + "\"tags\":{" + tags + "}}")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.details", equalTo("tags: must have at most 16 entries, has 17"));
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() {
        given().auth().oauth2(AdminAccess.TOKEN).contentType(ContentType.JSON)
                .body("{\"id\":\"placement-bad\",\"rpcUrl\":\"http://u:p@127.0.0.1:15002\",\"gatewayUrl\":\"http://127.0.0.1:0\","
                        + "\"zone\":\"Zone A\",\"capacityBytes\":-5}")
                .when().post("/nodes")
                .then().statusCode(400)
                .body("error.details", equalTo("rpcUrl: must not carry a user name or password; "
                        + "gatewayUrl: port must be between 1 and 65535, was 0; "
                        + "zone: must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit, was 'Zone A'; "
                        + "capacityBytes: must be at least 1, was -5"));
    }
}
