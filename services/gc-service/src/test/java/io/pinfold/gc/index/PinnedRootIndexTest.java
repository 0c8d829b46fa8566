package io.pinfold.gc.index;

import static io.pinfold.gc.NodeBlocks.verifyAndReadBack;
import static io.pinfold.gc.NodeBlocks.localBlocks;
import static io.pinfold.gc.NodeBlocks.blocksOf;
import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.pinfold.gc.TestBytes.concat;
import static io.pinfold.gc.TestBytes.random;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.content.AddOptions;
import io.pinfold.runtime.kubo.KuboClients;
import io.pinfold.testsupport.kafka.RecordPublisher;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Roots pinned on a node, as pinfold.pin-status says, are walked into the block index ahead of targeted runs
 * ({@link PinnedRootIndexer}); runs that find them indexed still remove exactly what only unpinned DAGs reach, and pins
 * landing (with their events) while a run deletes lose nothing. Real Kubo (Pinfold's build), Kafka and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class PinnedRootIndexTest {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final AddOptions SMALL_RAW_BLOCKS = AddOptions.defaults().withCidVersion(1).withRawLeaves(true)
            .withChunker("size-1024").withPin(true);

    @Inject
    KuboClients kuboClients;

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Test
    void aPinnedRootIsIndexedBeforeAnyRunAndTheRunStillRemovesExactlyWhatOnlyTheUnpinnedDagReached() throws Exception {
        KuboClient node = first();
        String nodeId = GcTestNodes.register(GcTestNodes.id("pinned-index"), KuboNodes.shared().first());
        runTargeted(nodeId); // the node's index exists
        byte[] half = random(32 * 1024);
        byte[] uBytes = concat(half, random(32 * 1024));
        byte[] xBytes = concat(half, random(32 * 1024));
        String u = add(node, uBytes);
        String x = add(node, xBytes);
        publish(nodeId, u, PinStatus.PINNED, PinStatus.PINNING);
        publish(nodeId, x, PinStatus.PINNED, PinStatus.PINNING);

        await().atMost(CALL).until(() -> indexedBlocks(nodeId, u) == blocksOf(node, u).size());
        await().atMost(CALL).until(() -> indexedBlocks(nodeId, x) == blocksOf(node, x).size());

        Set<Multihash> onlyU = blocksOf(node, u);
        onlyU.removeAll(blocksOf(node, x));
        node.pin().rm(u, true).await().atMost(CALL);
        publish(nodeId, u, PinStatus.UNPINNED, PinStatus.PINNED);
        await().atMost(CALL).until(() -> reclaimable(nodeId, u));

        JsonPath run = runTargeted(nodeId);
        assertThat(run.getLong("blocksRemoved")).isEqualTo(onlyU.size());
        Set<Multihash> local = localBlocks(node);
        assertThat(local).doesNotContainAnyElementsOf(onlyU).containsAll(blocksOf(node, x));
        verifyAndReadBack(node, Map.of(x, xBytes));
    }

    /**
     * While a run deletes an unpinned DAG batch by batch (the test profile's 4-block batches), DAGs sharing its blocks
     * are pinned and announced on pinfold.pin-status one after the other, so the indexer and the run's syncs write the
     * index at the same time. Every one of them ends complete. Several rounds.
     */
    @Test
    void pinsAnnouncedWhileARunDeletesLoseNothing() throws Exception {
        KuboClient node = first();
        String nodeId = GcTestNodes.register(GcTestNodes.id("pinned-during"), KuboNodes.shared().first());
        runTargeted(nodeId);
        for (int round = 0; round < 3; round++) {
            byte[] half = random(256 * 1024);
            String u = add(node, concat(half, random(256 * 1024)));
            publish(nodeId, u, PinStatus.PINNED, PinStatus.PINNING);
            await().atMost(CALL).until(() -> indexedBlocks(nodeId, u) > 0);
            node.pin().rm(u, true).await().atMost(CALL);
            publish(nodeId, u, PinStatus.UNPINNED, PinStatus.PINNED);
            await().atMost(CALL).until(() -> reclaimable(nodeId, u));

            String runId = startTargeted(nodeId);
            long removedFirst = round * 50L; // each round pins at another point of the run
            await().atMost(CALL).pollInterval(Duration.ofMillis(20)).until(() -> GcRuns.run(runId).getLong("blocksRemoved") > removedFirst);
            Map<String, byte[]> pinned = new LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                // each shares a different slice of the DAG being deleted, plus blocks of its own
                int from = i * 32 * 1024;
                byte[] bytes = concat(java.util.Arrays.copyOfRange(half, from, from + 32 * 1024), random(4 * 1024));
                String cid = add(node, bytes);
                publish(nodeId, cid, PinStatus.PINNED, PinStatus.PINNING);
                pinned.put(cid, bytes);
            }
            GcRuns.awaitOutcome(runId, "completed", CALL);
            Set<Multihash> local = localBlocks(node);
            pinned.keySet().forEach(cid -> assertThat(local).as("blocks of %s", cid).containsAll(blocksOf(node, cid)));
            verifyAndReadBack(node, pinned);
        }
    }

    private KuboClient first() {
        return kuboClients.forNode(KuboNodes.shared().first().rpcUrl()).withTimeout(CALL);
    }

    private static String add(KuboClient node, byte[] bytes) {
        return node.content().add(bytes, SMALL_RAW_BLOCKS).await().atMost(CALL).cid();
    }

    /** As pin-service says it on pinfold.pin-status. */
    private static void publish(String nodeId, String cid, PinStatus status, PinStatus previous) {
        PinStatusChanged change = new PinStatusChanged("pin-" + UUID.randomUUID(), cid, nodeId, status, previous, null, null, null);
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
    }

    /** Blocks of the live, complete index entry of this root (whole DAG); -1 when there is none. */
    private long indexedBlocks(String nodeId, String cid) throws java.sql.SQLException {
        try (var connection = database.getConnection();
             var statement = connection.prepareStatement("""
                     SELECT block_count FROM gc_index_root WHERE node_id = ? AND root_cid = ? AND whole_dag AND live AND complete""")) {
            statement.setString(1, nodeId);
            statement.setString(2, cid);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
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
                .post("/gc/nodes/" + nodeId + "/runs").then().statusCode(202).extract().path("id");
    }

    private static JsonPath runTargeted(String nodeId) {
        String runId = startTargeted(nodeId);
        GcRuns.awaitOutcome(runId, "completed", CALL);
        JsonPath run = GcRuns.run(runId);
        assertThat(run.getString("mode")).isEqualTo("targeted");
        return run;
    }

}
