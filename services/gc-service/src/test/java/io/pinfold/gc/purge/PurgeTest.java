package io.pinfold.gc.purge;

import static io.pinfold.gc.NodeBlocks.localBlocks;
import static io.pinfold.gc.NodeBlocks.blocksOf;
import static io.pinfold.gc.TestBytes.concat;
import static io.pinfold.gc.TestBytes.random;
import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.content.AddOptions;
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
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Blocked content leaves every node once the node no longer pins it, recorded against the notice: at once where it
 * was only cached, after pin-service's unpin (pin-status) where it was pinned, and when a node that was down returns;
 * blocks it shares with lawful pinned content stay.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class PurgeTest {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final AddOptions SMALL_RAW_BLOCKS = AddOptions.defaults().withCidVersion(1).withRawLeaves(true)
            .withChunker("size-1024");
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    KuboClients kuboClients;

    @Inject
    Pool pool;

    @Test
    void blockedContentIsPurgedFromEveryNodeOnceItIsUnpinnedThereAndRecordedAgainstTheNotice() throws InterruptedException {
        KuboNode first = KuboNodes.shared().first();
        KuboNode second = KuboNodes.shared().second();
        KuboClient pinning = client(first);
        KuboClient caching = client(second);
        String pinningId = GcTestNodes.register(GcTestNodes.id("purge-pinning"), first);
        String cachingId = GcTestNodes.register(GcTestNodes.id("purge-caching"), second);
        String returningId = GcTestNodes.id("purge-returning");
        announce(returningId, second, NodeState.DOWN);

        byte[] half = random(32 * 1024);
        byte[] blockedBytes = concat(half, random(32 * 1024));
        byte[] lawfulBytes = concat(half, random(32 * 1024));
        String blocked = add(pinning, blockedBytes, true);
        assertThat(add(caching, blockedBytes, false)).isEqualTo(blocked); // only cached there
        String lawful = add(caching, lawfulBytes, true);
        Set<Multihash> blockedBlocks = blocksOf(pinning, blocked);
        Set<Multihash> onlyBlocked = new HashSet<>(blockedBlocks);
        onlyBlocked.removeAll(blocksOf(caching, lawful));

        String notice = "notice-" + UUID.randomUUID();
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + blocked, 451, "court-order", "court order 7", notice);
        EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, entry);
        RecordPublisher.shared().publish("pinfold.denylist", event.key(), CloudEventHeaders.write(event), CODEC.encode(entry));
        try {
            purgedEverywhere(entry, notice, pinning, caching, pinningId, cachingId, returningId, blocked, lawful, lawfulBytes,
                    blockedBlocks, onlyBlocked);
        } finally {
            // Lifted even when an assertion failed: an entry left in force would owe a purge to every node later test
            // classes register, whose runs would then collide with theirs (409, a lease already held).
            RecordPublisher.shared().publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private void purgedEverywhere(DenylistEntryAdded entry, String notice, KuboClient pinning, KuboClient caching, String pinningId,
                                  String cachingId, String returningId, String blocked, String lawful, byte[] lawfulBytes,
                                  Set<Multihash> blockedBlocks, Set<Multihash> onlyBlocked) throws InterruptedException {
        KuboNode second = KuboNodes.shared().second();

        // cached only: purged at once; lawful content sharing half its blocks untouched
        await().atMost(CALL).until(() -> "purged".equals(state(notice, cachingId)));
        assertThat(localBlocks(caching)).doesNotContainAnyElementsOf(onlyBlocked).containsAll(blocksOf(caching, lawful));
        assertThat(caching.pin().verify(false).collect().asList().await().atMost(CALL)).allMatch(PinVerification::ok);
        assertThat(caching.content().cat(lawful).await().atMost(CALL)).isEqualTo(lawfulBytes);
        // still pinned where pin-service has not unpinned it yet; the node that is down waits
        assertThat(state(notice, pinningId)).isEqualTo("pending");
        assertThat(localBlocks(pinning)).containsAll(blockedBlocks);
        assertThat(state(notice, returningId)).isEqualTo("pending");

        // pin-service unpins it there and says so
        pinning.pin().rm(blocked, true).await().atMost(CALL);
        PinStatusChanged unpinned = new PinStatusChanged("pin-" + UUID.randomUUID(), blocked, pinningId, PinStatus.UNPINNED,
                PinStatus.PINNED, null, null, null);
        EventEnvelope<PinStatusChanged> status = EventEnvelope.create(PinfoldSource.PIN_SERVICE, unpinned.pinId(), unpinned);
        RecordPublisher.shared().publish("pinfold.pin-status", status.key(), CloudEventHeaders.write(status), CODEC.encode(unpinned));
        await().atMost(CALL).until(() -> "purged".equals(state(notice, pinningId)));
        assertThat(localBlocks(pinning)).doesNotContainAnyElementsOf(blockedBlocks);
        assertThat(pinning.pin().verify(false).collect().asList().await().atMost(CALL)).allMatch(PinVerification::ok);

        // the node that was down comes back and is purged too
        assertThat(state(notice, returningId)).isEqualTo("pending");
        announce(returningId, second, NodeState.ACTIVE);
        await().atMost(CALL).until(() -> "purged".equals(state(notice, returningId)));

        JsonPath purges = purges(notice);
        assertThat(purges.getList("nodeId", String.class)).contains(pinningId, cachingId, returningId);
        // Test nodes are node ids over two shared Kubo daemons (other classes' and modules' ids name the same daemons),
        // so which id's purge removed a block is a race; that every block was removed exactly once is not.
        // Other ids' purges may still be pending (no count yet) or finishing: wait until the counts add up.
        long expected = blockedBlocks.size() + onlyBlocked.size();
        await().atMost(CALL).untilAsserted(() -> assertThat(purges(notice).getList("blocksRemoved", Long.class).stream()
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum())
                .as("blocks removed over every node's purge of this notice").isEqualTo(expected));
        // the entry named the content by its rule, as takedown-service's imports do: no CID, the multihash only
        assertThat(purges.getList("multihash", String.class)).containsOnly(Cid.parse(blocked).multihash().toBase32());

        // the entry lifted (tombstone): purges not done are dropped, done ones stay on record, later nodes are not covered
        RecordPublisher.shared().publish("pinfold.denylist", entry.recordKey(), List.of(), null);
        await().atMost(CALL).until(() -> pool.preparedQuery("SELECT lifted_at IS NOT NULL FROM gc_purge WHERE notice_id = $1")
                .execute(Tuple.of(notice)).await().atMost(CALL).iterator().next().getBoolean(0));
        // purges of other test ids still running when the entry was lifted end first (a run is never cut mid-way)
        await().atMost(CALL).untilAsserted(() -> assertThat(purges(notice).getList("state", String.class)).containsOnly("purged"));
        String later = GcTestNodes.register(GcTestNodes.id("purge-later"), second);
        Thread.sleep(3_000); // three purge-interval ticks, each of which covers new nodes
        assertThat(purges(notice).getList("nodeId", String.class)).doesNotContain(later).contains(pinningId, cachingId, returningId);
    }

    private KuboClient client(KuboNode node) {
        return kuboClients.forNode(node.rpcUrl()).withTimeout(CALL);
    }

    private static void announce(String id, KuboNode kubo, NodeState state) {
        GcTestNodes.publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE, new NodeRegistered(id, kubo.peerId(), kubo.rpc(),
                kubo.gateway(), GcTestNodes.SWARM, "0.43.1", state, "test-region", "test-zone-a", GcTestNodes.CAPACITY, GcTestNodes.TAGS)));
        await().atMost(CALL).until(() -> given().get("/gc/nodes").then().extract().jsonPath()
                .getList("findAll { it.id == '" + id + "' }.state", String.class).contains(state.json()));
    }

    private static JsonPath purges(String notice) {
        return given().header("Authorization", OPERATOR).get("/gc/purges?notice=" + notice).then().statusCode(200).extract().jsonPath();
    }

    private static String state(String notice, String nodeId) {
        var states = purges(notice).getList("findAll { it.nodeId == '" + nodeId + "' }.state", String.class);
        return states.isEmpty() ? null : states.get(0);
    }

    private static String add(KuboClient node, byte[] bytes, boolean pin) {
        return node.content().add(bytes, SMALL_RAW_BLOCKS.withPin(pin)).await().atMost(CALL).cid();
    }

}
