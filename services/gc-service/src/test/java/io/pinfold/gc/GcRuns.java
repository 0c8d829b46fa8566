package io.pinfold.gc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** A GC run as the operator API shows it (GET /gc/runs/{id}), for the tests that start runs and wait for them. */
public final class GcRuns {
    private GcRuns() {
    }

    public static JsonPath run(String runId) {
        return given().header("Authorization", GcTestNodes.OPERATOR).get("/gc/runs/" + runId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits up to {@code atMost} until the run ends with {@code outcome}; any other end fails at once, naming the run's error. */
    public static void awaitOutcome(String runId, String outcome, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath run = run(runId);
            String now = run.getString("outcome");
            assertThat(now).as("run %s: %s", runId, run.getString("error")).isIn("running", outcome);
            return now.equals(outcome);
        });
    }
}
