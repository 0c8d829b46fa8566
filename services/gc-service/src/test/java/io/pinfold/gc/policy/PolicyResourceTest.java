package io.pinfold.gc.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.pinfold.gc.GcTestNodes;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies over REST: stored and read back, every bad field named with its reason, operator token required. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class PolicyResourceTest {
    private static final String OPERATOR = GcTestNodes.OPERATOR;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aPolicyIsStoredAndReadBack() {
        String nodeId = GcTestNodes.register(GcTestNodes.id("stored"), KuboNodes.shared().first());
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("dryRun", true, "repoUsageWatermarkPercent", 90, "reclaimableBytesWatermark", 1_000_000,
                        "minIntervalSeconds", 600, "windows", List.of("22:00-02:00", "03:00-04:00")))
                .put("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(200);
        given().header("Authorization", OPERATOR).get("/gc/nodes/" + nodeId + "/policy").then().statusCode(200)
                .body("mode", equalTo("full")).body("dryRun", equalTo(true))
                .body("repoUsageWatermarkPercent", equalTo(90)).body("reclaimableBytesWatermark", equalTo(1_000_000))
                .body("minIntervalSeconds", equalTo(600)).body("windows", equalTo(List.of("22:00-02:00", "03:00-04:00")));
    }

    @Test
    void everyInvalidFieldIsNamedWithItsReason() {
        String nodeId = GcTestNodes.register(GcTestNodes.id("invalid"), KuboNodes.shared().first());
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("mode", "sweep", "repoUsageWatermarkPercent", 150, "reclaimableBytesWatermark", -1,
                        "minIntervalSeconds", -5, "windows", List.of("02:00-05:00", "25:00-26:00", "nightly")))
                .put("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(400).body("error.reason", equalTo("BAD_REQUEST"))
                .body("error.details", allOf(containsString("mode: 'sweep' is not a GC mode"),
                        containsString("repoUsageWatermarkPercent"), containsString("reclaimableBytesWatermark"),
                        containsString("minIntervalSeconds"), containsString("windows[1]: '25:00-26:00'"),
                        containsString("windows[2]: 'nightly' is not HH:MM-HH:MM"), not(containsString("windows[0]"))));
    }

    @Test
    void targetedIsAModeAPolicyCanAskForAndAnUnknownModeIsRefusedNamingTheField() {
        String nodeId = GcTestNodes.register(GcTestNodes.id("targeted"), KuboNodes.shared().first());
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(Map.of("mode", "targeted"))
                .put("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(200).body("mode", equalTo("targeted"));
        given().header("Authorization", OPERATOR).get("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(200).body("mode", equalTo("targeted"));
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(Map.of("mode", "sweep"))
                .put("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(400).body("error.details", containsString("mode"));
    }

    @Test
    void anUnknownNodeIs404NamingIt() {
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(Map.of("mode", "full"))
                .put("/gc/nodes/no-such-node/policy")
                .then().statusCode(404).body("error.details", equalTo("nodeId: no node 'no-such-node' on pinfold.nodes"));
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                .post("/gc/nodes/no-such-node/runs")
                .then().statusCode(404).body("error.details", containsString("no-such-node"));
        given().header("Authorization", OPERATOR).get("/gc/runs/not-a-uuid")
                .then().statusCode(400).body("error.details", containsString("runId"));
        given().header("Authorization", OPERATOR).get("/gc/runs?limit=0")
                .then().statusCode(400).body("error.details", containsString("limit"));
    }

    @Test
    void policiesAndRunsNeedTheOperatorToken() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "full")).put("/gc/nodes/any/policy").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/gc/nodes/any/runs").then().statusCode(401);
        given().header("Authorization", "Bearer pf_not-the-operator-token-at-all-000").get("/gc/runs").then().statusCode(401);
    }

    @Test
    void openApiDescribesEveryEndpointWithItsErrorsAndTheBearerScheme() {
        ManagementPort.given(management).accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/gc/nodes/{nodeId}/policy'.put.responses.keySet()", hasItems("200", "400", "401", "403", "404"))
                .body("paths.'/gc/nodes/{nodeId}/policy'.get.responses.keySet()", hasItems("200", "404"))
                .body("paths.'/gc/nodes/{nodeId}/runs'.post.responses.keySet()", hasItems("202", "400", "401", "404", "409"))
                .body("paths.'/gc/runs'.get.parameters.name", hasItems("node", "before", "limit"))
                .body("paths.'/gc/runs/{runId}'.get.responses.keySet()", hasItems("200", "400", "404"))
                .body("paths.'/gc/nodes'.get", notNullValue())
                .body("paths.'/gc/runs'.get.security[0].bearer", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.GcPolicyRequest.properties.keySet()", hasItems("mode", "dryRun",
                        "reclaimableBytesWatermark", "repoUsageWatermarkPercent", "minIntervalSeconds", "windows"))
                .body("components.schemas.GcRun.properties.keySet()", hasItems("blocksRemoved", "bytesFreed", "lockMillis",
                        "durationMillis", "outcome", "trigger", "mode"));
    }
}
