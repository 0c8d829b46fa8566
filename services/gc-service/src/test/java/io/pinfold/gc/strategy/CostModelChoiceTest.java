package io.pinfold.gc.strategy;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.pinfold.gc.GcTestNodes;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The cost model picks each run's mode and the run says why (dry runs: nothing runs on the nodes). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class CostModelChoiceTest {

    @Test
    void targetedOnANodeWithPinfoldsKuboBuildIsTargetedAndFullIsFull() {
        String nodeId = GcTestNodes.register(GcTestNodes.id("choice"), KuboNodes.shared().first());
        dryRun(nodeId, "targeted").body("mode", equalTo("targeted"))
                .body("modeReason", startsWith("targeted: asked for; the node has Pinfold's pinfold/* commands"));
        dryRun(nodeId, "full").body("mode", equalTo("full")).body("modeReason", equalTo("full: asked for"));
    }

    @Test
    void targetedOnANodeWithoutThePinfoldCommandsFallsBackToFullAndSaysWhy() throws Exception {
        KuboNode kubo = KuboNodes.shared().second();
        String deadRpc;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadRpc = "http://127.0.0.1:" + socket.getLocalPort();
        }
        String nodeId = GcTestNodes.register(GcTestNodes.id("choice-stock"), deadRpc, kubo.gateway(), kubo.peerId());
        dryRun(nodeId, "targeted").body("mode", equalTo("full"))
                .body("modeReason", startsWith("full: targeted asked for, but the node did not answer pinfold/refs"))
                .body("modeReason", containsString("needs Pinfold's Kubo build"));
    }

    private static io.restassured.response.ValidatableResponse dryRun(String nodeId, String mode) {
        return given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"mode\":\"" + mode + "\",\"dryRun\":true}").post("/gc/nodes/" + nodeId + "/runs")
                .then().statusCode(202).body("outcome", equalTo("dry-run"));
    }
}
