package io.pinfold.gc.run;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.gc.GcTestNodes;
import io.pinfold.gc.HungRpc;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many run requests at the same moment, for the same node and for another one: exactly one starts, since a node
 * has one run at a time and at most pinfold.gc.max-drained (1) nodes are drained; the others get 409, never a 500.
 * The check and the lease live in PostgreSQL, so this holds the same across copies.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class ConcurrentStartsTest {
    private static final int ROUNDS = 6;
    private static final int REQUESTS_PER_NODE = 4;

    @Test
    void ofManyRunRequestsAtOnceExactlyOneStartsAndTheRestAre409() throws Exception {
        KuboNode kubo = KuboNodes.shared().second();
        GcTestNodes.register(GcTestNodes.id("peer"), KuboNodes.shared().first());
        int requests = 2 * REQUESTS_PER_NODE;
        List<String> startedRuns = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(requests);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // Their RPC ports never answer: the run that starts stays under way (drained) until the round closes them.
                HungRpc rpcA = new HungRpc();
                HungRpc rpcB = new HungRpc();
                List<String> nodes = List.of(
                        GcTestNodes.register(GcTestNodes.id("race-a"), rpcA.url(), kubo.gateway(), kubo.peerId()),
                        GcTestNodes.register(GcTestNodes.id("race-b"), rpcB.url(), kubo.gateway(), kubo.peerId()));
                CyclicBarrier together = new CyclicBarrier(requests);
                List<CompletableFuture<Response>> answers = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    String nodeId = nodes.get(i % nodes.size());
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                                .post("/gc/nodes/" + nodeId + "/runs");
                    }, callers));
                }
                List<Integer> statuses = new ArrayList<>();
                String started = null;
                for (CompletableFuture<Response> answer : answers) {
                    Response response = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 202) {
                        started = response.path("id");
                    }
                }
                rpcA.close();
                rpcB.close();
                assertThat(statuses).as("round %d", round).containsOnly(202, 409);
                assertThat(statuses.stream().filter(status -> status == 202)).as("round %d", round).hasSize(1);
                FullGcRunTest.awaitOutcome(started, "failed");
                startedRuns.add(started);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(everyRunPageByPage(2)).as("history read two at a time: every run once").containsAll(startedRuns)
                .doesNotHaveDuplicates();
    }

    private static List<String> everyRunPageByPage(int limit) {
        List<String> ids = new ArrayList<>();
        String before = null;
        do {
            var page = given().header("Authorization", OPERATOR).queryParam("limit", limit)
                    .queryParams(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                    .get("/gc/runs").then().statusCode(200).extract();
            List<String> pageIds = page.path("runs.id");
            assertThat(pageIds).hasSizeLessThanOrEqualTo(limit);
            ids.addAll(pageIds);
            before = page.path("next");
        } while (before != null);
        return ids;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
    }
}
