package io.pinfold.edge.exposure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The edge faces the internet: its main port serves the gateway only. Health, metrics, the OpenAPI document,
 * Swagger UI and the pool (peer ids, internal gateway URLs) answer on the management port and nowhere else.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MainPortServesOnlyTheGatewayTest {

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void theMainPortAnswers404ForEveryManagementEndpoint() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi",
                "/q/swagger-ui", "/q/swagger-ui/", "/edge/pool"}) {
            given().baseUri(main.toString()).redirects().follow(false).get(path)
                    .then().statusCode(404).body(not(containsString("pinfold_")), not(containsString("peerId")));
        }
    }

    @Test
    void theManagementPortServesThemOnItsOwnPort() {
        management().get("/q/health/live").then().statusCode(200).body(containsString("\"status\""));
        management().get("/q/health").then().body(containsString("Edge state read to the end"));
        management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        management().get("/q/openapi").then().statusCode(200).body(containsString("/edge/pool:")).body(containsString("PoolNode"))
                .body(containsString("/ipfs/{cid}/{path}:")).body(containsString("/ipns/{name}/{path}:")).body(containsString("Failure:"));
        management().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        management().get("/edge/pool").then().statusCode(200).contentType("application/json");
        assertThat(management.getPort()).as("management port").isNotEqualTo(main.getPort());
    }

    /** The management URL Quarkus injects ends in its root path (/q); the endpoints are addressed from the server's root. */
    private RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }
}
