package io.pinfold.pin.api;

import static io.pinfold.pin.api.PinsApi.freshCid;
import static io.pinfold.pin.api.PinsApi.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API transaction that PostgreSQL aborts as a deadlock victim is run again and answers as if nothing happened. The
 * conflict is real: a second transaction (JDBC, standing for any other writer) holds a pin's node_pin rows while
 * DELETE /pins/{id} waits for them, then asks for the desired_pin row the DELETE already holds. PostgreSQL's deadlock
 * check aborts the DELETE (it began waiting first, so its deadlock_timeout runs out first and its own check finds
 * the cycle); the retry finds the way free once this side committed.
 *
 * <p>Its own database, so its own app: when it ran in the app PinApiEventsTest uses, just before it, that test's
 * own events reached the pins consumer only once the test had ended (three CI runs; not seen in a local run of the two
 * classes). Not understood yet; kept apart until it is.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_conflict_test"))
class ConflictRetryTest {
    private static final int ROUNDS = 3;
    private static final Pattern DEADLOCK_RETRIES = Pattern.compile(
            "pinfold_api_transaction_retries_total\\{[^}]*sqlstate=\"40P01\"[^}]*} ([0-9.]+)");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void nodes() {
        PinsApi.nodesRegistered();
    }

    @Test
    void aDeletePostgresAbortsAsADeadlockVictimIsRunAgainAndAnswers202() throws Exception {
        var acme = tenant("conflict");
        double retriesBefore = deadlockRetries();
        for (int round = 1; round <= ROUNDS; round++) {
            String pinId = acme.pinId("{\"cid\":\"" + freshCid() + "\"}");
            assertThat(PinsApi.column("SELECT node_id FROM node_pin WHERE pin_id = '" + pinId + "'")).as("allocations").isNotEmpty();
            // Settled as failed, so the reconciler leaves the rows (and their locks) to this test and the DELETE.
            PinsApi.update("UPDATE node_pin SET status = 'failed', next_attempt_at = 'infinity' WHERE pin_id = '" + pinId + "'");
            try (Connection other = PinsApi.connect(); Statement statement = other.createStatement()) {
                other.setAutoCommit(false);
                statement.executeQuery("SELECT 1 FROM node_pin WHERE pin_id = '" + pinId + "' FOR UPDATE").close();

                CompletableFuture<Response> delete = CompletableFuture.supplyAsync(() -> acme.call().delete("/pins/" + pinId));
                awaitWaitingFor("UPDATE node_pin SET wanted = false");
                // The DELETE holds desired_pin and waits for node_pin; now take desired_pin: a cycle.
                statement.executeQuery("SELECT 1 FROM desired_pin WHERE pin_id = '" + pinId + "' FOR UPDATE").close();
                other.commit();

                Response answer = delete.get();
                assertThat(answer.statusCode()).as("round %d: DELETE after a deadlock: %s", round, answer.asString()).isEqualTo(202);
            }
            assertThat(PinsApi.column("SELECT removed_at IS NOT NULL FROM desired_pin WHERE pin_id = '" + pinId + "'"))
                    .as("round %d: the pin is removed", round).containsExactly("t");
            assertThat(PinsApi.column("SELECT count(*) FROM node_pin WHERE pin_id = '" + pinId + "' AND wanted"))
                    .as("round %d: no allocation still wanted", round).containsExactly("0");
        }
        assertThat(deadlockRetries() - retriesBefore).as("deadlock retries counted").isGreaterThanOrEqualTo(ROUNDS);
    }

    /** Waits until a backend of the service waits on a lock in a statement starting with {@code statement}. */
    private static void awaitWaitingFor(String statement) {
        await("a transaction waiting on a lock in " + statement).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !PinsApi.column("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() "
                        + "AND query ILIKE '" + statement + "%'").isEmpty());
    }

    private double deadlockRetries() {
        String metrics = ManagementPort.given(management).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = DEADLOCK_RETRIES.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
