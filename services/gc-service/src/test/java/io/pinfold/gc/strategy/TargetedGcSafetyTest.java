package io.pinfold.gc.strategy;

import static io.pinfold.gc.NodeBlocks.verifyAndReadBack;
import static io.pinfold.gc.NodeBlocks.localBlocks;
import static io.pinfold.gc.NodeBlocks.blocksOf;
import static io.pinfold.gc.TestBytes.concat;
import static io.pinfold.gc.TestBytes.random;
import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.content.AddOptions;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import io.pinfold.kubo.pin.PinAddOptions;
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
import io.pinfold.gc.GcRuns;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Targeted GC on real Kubo (Pinfold's build), real Kafka and PostgreSQL: it removes exactly the blocks that only
 * unpinned DAGs reach, and never one that a pin (recursive or direct, made through Pinfold or behind its back), MFS or
 * a pin issued during the run still reaches. Every test ends with pin verify and every remaining file read back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class TargetedGcSafetyTest {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final AddOptions SMALL_RAW_BLOCKS = AddOptions.defaults().withCidVersion(1).withRawLeaves(true)
            .withChunker("size-1024").withPin(true);

    @Inject
    KuboClients kuboClients;

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Test
    void unpinningOneOfTwoDagsSharingBlocksRemovesExactlyTheBlocksOnlyItReached() {
        KuboClient node = first();
        String nodeId = GcTestNodes.register(GcTestNodes.id("targeted-shared"), KuboNodes.shared().first());
        byte[] common = random(64 * 1024);
        byte[] aBytes = concat(common, random(64 * 1024));
        byte[] bBytes = concat(common, random(64 * 1024));
        String a = add(node, aBytes, SMALL_RAW_BLOCKS);
        String b = add(node, bBytes, SMALL_RAW_BLOCKS);
        // one DAG pinned as CIDv1 while its CIDv0 form is unpinned: other CIDs, the same blocks (keyed by multihash)
        byte[] cBytes = random(32 * 1024);
        String c0 = add(node, cBytes, AddOptions.defaults().withChunker("size-1024").withPin(true));
        String c1 = add(node, cBytes, AddOptions.defaults().withCidVersion(1).withRawLeaves(false).withChunker("size-1024").withPin(true));
        assertThat(c0).isNotEqualTo(c1);

        Set<Multihash> onlyA = blocksOf(node, a);
        onlyA.removeAll(blocksOf(node, b));
        assertThat(onlyA).hasSizeBetween(60, 70); // its own 64 leaves, its root (and no shared leaf)
        // the leaves are the same blocks; the CIDv0 root links CIDv0s, so its bytes (and multihash) are its own
        Set<Multihash> onlyC0 = blocksOf(node, c0);
        onlyC0.removeAll(blocksOf(node, c1));
        assertThat(onlyC0).containsExactly(Cid.parse(c0).multihash());
        unpin(node, nodeId, a);
        unpin(node, nodeId, c0);

        JsonPath run = runTargeted(nodeId);
        assertThat(run.getLong("blocksRemoved")).isEqualTo(onlyA.size() + onlyC0.size());
        Set<Multihash> local = localBlocks(node);
        assertThat(local).doesNotContainAnyElementsOf(onlyA).doesNotContainAnyElementsOf(onlyC0);
        assertThat(local).containsAll(blocksOf(node, b)).containsAll(blocksOf(node, c1));
        verifyAndReadBack(node, Map.of(b, bBytes, c1, cBytes));
    }

    @Test
    void pinsMadeOnTheNodeBehindPinfoldsBackKeepTheirBlocks() {
        KuboClient node = first();
        String nodeId = GcTestNodes.register(GcTestNodes.id("targeted-foreign"), KuboNodes.shared().first());
        byte[] half = random(32 * 1024);
        byte[] uBytes = concat(half, random(32 * 1024));
        String u = add(node, uBytes, SMALL_RAW_BLOCKS);
        runTargeted(nodeId); // the index now knows u as pinned

        // behind Pinfold's back: a recursive pin sharing half of u, and a direct pin of one leaf only u has
        byte[] xBytes = concat(half, random(32 * 1024));
        String x = add(node, xBytes, SMALL_RAW_BLOCKS);
        Set<Multihash> onlyU = blocksOf(node, u);
        onlyU.removeAll(blocksOf(node, x));
        String leaf = node.content().refs(u, RefsOptions.direct()).collect().asList().await().atMost(CALL).stream()
                .map(Ref::cid).filter(cid -> onlyU.contains(Cid.parse(cid).multihash())).findFirst().orElseThrow();
        node.pin().add(leaf, PinAddOptions.directPin()).await().atMost(CALL);
        unpin(node, nodeId, u);

        JsonPath run = runTargeted(nodeId);
        onlyU.remove(Cid.parse(leaf).multihash());
        assertThat(run.getLong("blocksRemoved")).isEqualTo(onlyU.size());
        Set<Multihash> local = localBlocks(node);
        assertThat(local).doesNotContainAnyElementsOf(onlyU);
        assertThat(local).containsAll(blocksOf(node, x)).contains(Cid.parse(leaf).multihash());
        verifyAndReadBack(node, Map.of(x, xBytes));
        node.pin().rm(leaf, false).await().atMost(CALL);
    }

    @Test
    void contentInMfsKeepsItsBlocks() {
        KuboClient node = first();
        String nodeId = GcTestNodes.register(GcTestNodes.id("targeted-mfs"), KuboNodes.shared().first());
        byte[] half = random(32 * 1024);
        byte[] uBytes = concat(half, random(32 * 1024));
        byte[] mBytes = concat(half, random(32 * 1024));
        String u = add(node, uBytes, SMALL_RAW_BLOCKS);
        String m = add(node, mBytes, SMALL_RAW_BLOCKS.withPin(false));
        String path = "/targeted-gc-" + UUID.randomUUID();
        node.files().cp("/ipfs/" + m, path).await().atMost(CALL);
        Set<Multihash> onlyU = blocksOf(node, u);
        onlyU.removeAll(blocksOf(node, m));
        unpin(node, nodeId, u);

        JsonPath run = runTargeted(nodeId);
        assertThat(run.getLong("blocksRemoved")).isEqualTo(onlyU.size());
        Set<Multihash> local = localBlocks(node);
        assertThat(local).doesNotContainAnyElementsOf(onlyU).containsAll(blocksOf(node, m));
        assertThat(node.content().cat(m).await().atMost(CALL)).isEqualTo(mBytes);
        verifyAndReadBack(node, Map.of());
        node.files().rm(path).await().atMost(CALL);
    }

    /**
     * While a run deletes an unpinned DAG batch by batch, the same DAG is pinned again and a new DAG sharing half its
     * blocks is added: both end complete (what the run had deleted is fetched back from the second node), and the run
     * completes. Several rounds, so the pins land at different points of the run.
     */
    @Test
    void pinsIssuedDuringARunLoseNothing() throws Exception {
        KuboClient node = first();
        KuboClient source = kuboClients.forNode(KuboNodes.shared().second().rpcUrl());
        String nodeId = GcTestNodes.register(GcTestNodes.id("targeted-during"), KuboNodes.shared().first());
        for (int round = 0; round < 3; round++) {
            byte[] half = random(512 * 1024);
            byte[] uBytes = concat(half, random(512 * 1024));
            byte[] vBytes = concat(half, random(256 * 1024));
            String u = add(node, uBytes, SMALL_RAW_BLOCKS);
            assertThat(add(source, uBytes, SMALL_RAW_BLOCKS)).isEqualTo(u); // where the deleted blocks come back from
            unpin(node, nodeId, u);

            String runId = startTargeted(nodeId);
            long removedFirst = round * 100L; // each round pins at another point of the run
            await().atMost(CALL).pollInterval(Duration.ofMillis(20)).until(() -> GcRuns.run(runId).getLong("blocksRemoved") > removedFirst);
            CompletableFuture<String> repin = CompletableFuture.supplyAsync(() -> {
                node.withTimeout(CALL).pin().add(u, PinAddOptions.recursivePin()).await().atMost(CALL);
                return u;
            });
            CompletableFuture<String> added = CompletableFuture.supplyAsync(() -> add(node, vBytes, SMALL_RAW_BLOCKS));
            String v = added.get();
            repin.get();
            assertThat(GcRuns.run(runId).getString("outcome")).as("round %d: the pins landed while the run went on", round)
                    .isEqualTo("running");
            GcRuns.awaitOutcome(runId, "completed", CALL);

            Set<Multihash> local = localBlocks(node);
            assertThat(local).containsAll(blocksOf(node, u)).containsAll(blocksOf(node, v));
            verifyAndReadBack(node, Map.of(u, uBytes, v, vBytes));
        }
    }

    private KuboClient first() {
        KuboNode kubo = KuboNodes.shared().first();
        return kuboClients.forNode(kubo.rpcUrl()).withTimeout(CALL);
    }

    private static String add(KuboClient node, byte[] bytes, AddOptions options) {
        return node.content().add(bytes, options).await().atMost(CALL).cid();
    }

    /** Unpins on the node and says so on pinfold.pin-status, as pin-service would. */
    private void unpin(KuboClient node, String nodeId, String cid) {
        node.pin().rm(cid, true).await().atMost(CALL);
        PinStatusChanged change = new PinStatusChanged("pin-" + UUID.randomUUID(), cid, nodeId, PinStatus.UNPINNED,
                PinStatus.PINNED, null, null, null);
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
        // gc-service knows this root once its row is there (waiting for any reclaimable root raced: a run could start
        // before the second of two unpins was known, and rightly left that DAG alone)
        await().atMost(CALL).until(() -> reclaimable(nodeId, cid));
        await().atMost(CALL).until(() -> given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"mode\":\"targeted\",\"dryRun\":true}").post("/gc/nodes/" + nodeId + "/runs")
                .then().statusCode(202).extract().path("estimatedBytes") != null);
    }

    private boolean reclaimable(String nodeId, String cid) throws java.sql.SQLException {
        try (var connection = database.getConnection();
             var statement = connection.prepareStatement("SELECT 1 FROM gc_reclaimable_root WHERE node_id = ? AND cid = ?")) {
            statement.setString(1, nodeId);
            statement.setString(2, cid);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String startTargeted(String nodeId) {
        return given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"targeted\"}")
                .post("/gc/nodes/" + nodeId + "/runs")
                .then().statusCode(202).body("mode", equalTo("targeted")).body("drained", equalTo(false))
                .extract().path("id");
    }

    private static JsonPath runTargeted(String nodeId) {
        String runId = startTargeted(nodeId);
        GcRuns.awaitOutcome(runId, "completed", CALL);
        JsonPath run = GcRuns.run(runId);
        assertThat(run.getString("modeReason")).startsWith("targeted: asked for");
        return run;
    }

}
