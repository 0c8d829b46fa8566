package io.pinfold.gc.run;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.pinfold.events.EventEnvelope;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.gc.HungRpc;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.content.AddOptions;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.pin.PinVerification;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Full GC on real Kubo nodes, real Kafka and real PostgreSQL: what it removes and keeps, the drain around it on
 * pinfold.nodes, and the node's return when GC fails.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class FullGcRunTest {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(30);

    @Inject
    KuboClients kuboClients;

    @Test
    void unpinnedContentLeavesTheNodeByPolicyWhilePinnedContentStaysAndTheNodeIsDrainedOnlyDuringTheRun() {
        KuboNode kubo = KuboNodes.shared().first();
        KuboClient node = kuboClients.forNode(kubo.rpcUrl());
        String nodeId = GcTestNodes.register(GcTestNodes.id("policy"), kubo);
        GcTestNodes.register(GcTestNodes.id("peer"), KuboNodes.shared().second()); // so the node is not the last active one

        byte[] keptBytes = randomBytes(300_000);
        String kept = node.content().add(keptBytes, AddOptions.defaults().withPin(true)).await().atMost(Duration.ofSeconds(20)).cid();
        String dropped = node.content().add(randomBytes(300_000), AddOptions.defaults().withPin(true)).await().atMost(Duration.ofSeconds(20)).cid();
        node.pin().rm(dropped, true).await().atMost(Duration.ofSeconds(20));
        assertThat(localBlocks(node)).contains(multihash(dropped));
        publishStatus(new PinStatusChanged("pin-" + UUID.randomUUID(), dropped, nodeId, PinStatus.UNPINNED, PinStatus.PINNED, null, null, null));

        // reclaimable before the policy exists: the unpinned root and its size (dag stat)
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("mode", "full", "reclaimableBytesWatermark", 100_000, "minIntervalSeconds", 3600))
                .put("/gc/nodes/" + nodeId + "/policy")
                .then().statusCode(200).body("mode", equalTo("full"));

        String runId = awaitRun(nodeId, "completed");
        given().header("Authorization", OPERATOR).get("/gc/runs/" + runId).then()
                .body("trigger", equalTo("unpinned")).body("drained", equalTo(true))
                .body("estimatedBytes", org.hamcrest.Matchers.greaterThanOrEqualTo(300_000));

        Set<Multihash> local = localBlocks(node);
        assertThat(local).doesNotContain(multihash(dropped));
        assertThat(local).contains(multihash(kept));
        List<PinVerification> verified = node.pin().verify(false).collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(verified).allMatch(PinVerification::ok);
        assertThat(node.content().cat(kept).await().atMost(Duration.ofSeconds(20))).isEqualTo(keptBytes);

        List<NodeStateChanged> announced = GcTestNodes.announcementsOfRun(nodeId, runId);
        assertThat(announced).extracting(NodeStateChanged::state).containsExactly(NodeState.DRAINING, NodeState.ACTIVE);
        assertThat(announced).allSatisfy(change -> {
            assertThat(change.gatewayUrl()).isEqualTo(kubo.gateway());
            assertThat(change.peerId()).isEqualTo(kubo.peerId());
            assertThat(change.rpcUrl()).isEqualTo(kubo.rpc());
            // the rest of the registration, so the compacted record still describes the node whole
            assertThat(change.swarmAddresses()).isEqualTo(GcTestNodes.SWARM);
            assertThat(change.kuboVersion()).isEqualTo("0.43.1");
            assertThat(change.region()).isEqualTo("test-region");
            assertThat(change.zone()).isEqualTo("test-zone-a");
            assertThat(change.capacityBytes()).isEqualTo(GcTestNodes.CAPACITY);
            assertThat(change.tags()).isEqualTo(GcTestNodes.TAGS);
        });
        assertThat(GcTestNodes.gcEventsOfRun(nodeId, runId)).startsWith("io.pinfold.gc.planned", "io.pinfold.gc.started")
                .contains("io.pinfold.gc.progress").endsWith("io.pinfold.gc.completed");
    }

    @Test
    void aGcThatFailsStillReturnsTheNodeToActive() throws Exception {
        KuboNode kubo = KuboNodes.shared().second();
        // Its gateway serves, but nothing answers on its RPC port: the drain goes out, then repo gc cannot run.
        String deadRpc = "http://127.0.0.1:" + freePort();
        String nodeId = GcTestNodes.register(GcTestNodes.id("failing"), deadRpc, kubo.gateway(), kubo.peerId());
        GcTestNodes.register(GcTestNodes.id("peer"), KuboNodes.shared().first());

        String runId = given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                .post("/gc/nodes/" + nodeId + "/runs")
                .then().statusCode(202).body("outcome", equalTo("running")).extract().path("id");

        awaitOutcome(runId, "failed");
        given().header("Authorization", OPERATOR).get("/gc/runs/" + runId).then().body("error", containsString("127.0.0.1"));
        assertThat(GcTestNodes.announcementsOfRun(nodeId, runId)).extracting(NodeStateChanged::state)
                .containsExactly(NodeState.DRAINING, NodeState.ACTIVE);
        assertThat(GcTestNodes.gcEventsOfRun(nodeId, runId)).endsWith("io.pinfold.gc.failed");
    }

    @Test
    void aManualRunWhileOneRunsOnTheNodeAnswers409WithTheRunningRunsId() {
        KuboNode kubo = KuboNodes.shared().first();
        GcTestNodes.register(GcTestNodes.id("peer"), KuboNodes.shared().second());
        String first;
        String nodeId;
        // Its RPC port takes the call and never answers, so the first run stays under way as long as the test needs.
        try (HungRpc rpc = new HungRpc()) {
            nodeId = GcTestNodes.register(GcTestNodes.id("manual"), rpc.url(), kubo.gateway(), kubo.peerId());
            first = given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                    .post("/gc/nodes/" + nodeId + "/runs")
                    .then().statusCode(202).body("outcome", equalTo("running")).body("trigger", equalTo("manual"))
                    .extract().path("id");
            given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                    .post("/gc/nodes/" + nodeId + "/runs")
                    .then().statusCode(409).body("error.reason", equalTo("CONFLICT"))
                    .body("error.details", containsString("run " + first));
        }
        awaitOutcome(first, "failed");
        given().header("Authorization", OPERATOR).get("/gc/runs?node=" + nodeId).then().statusCode(200)
                .body("runs.size()", equalTo(1)).body("runs[0].id", equalTo(first));
    }

    private static String awaitRun(String nodeId, String outcome) {
        String[] found = new String[1];
        await().atMost(RUN_DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            found[0] = given().header("Authorization", OPERATOR).get("/gc/runs?node=" + nodeId)
                    .then().statusCode(200).body("runs[0].outcome", equalTo(outcome)).extract().path("runs[0].id");
        });
        return found[0];
    }

    static void awaitOutcome(String runId, String outcome) {
        await().atMost(RUN_DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", OPERATOR).get("/gc/runs/" + runId).then().statusCode(200).body("outcome", equalTo(outcome)));
    }

    private static void publishStatus(PinStatusChanged change) {
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
    }

    private static Set<Multihash> localBlocks(KuboClient node) {
        return node.content().refsLocal().collect().asList().await().atMost(Duration.ofSeconds(30)).stream()
                .filter(Ref::ok).map(ref -> Cid.parse(ref.cid()).multihash()).collect(Collectors.toSet());
    }

    private static Multihash multihash(String cid) {
        return Cid.parse(cid).multihash();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
