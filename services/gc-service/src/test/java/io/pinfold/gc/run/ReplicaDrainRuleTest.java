package io.pinfold.gc.run;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.pinstatus.PinStatus;
import io.pinfold.events.pinstatus.PinStatusChanged;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A full GC never drains the last active node holding a replica of some pinned content: where pins are pinned is
 * learned from pinfold.pin-status (any CID form of the content counts), and a replica on a node that is drained or
 * no longer pins it does not count.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class ReplicaDrainRuleTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SOLE = "last active replica of 1 pinned content(s)";

    @Inject
    Pool pool;

    @Test
    void aFullGcNeverDrainsTheLastActiveNodeHoldingAReplicaOfPinnedContent() throws Exception {
        KuboNode gatewayOnly = KuboNodes.shared().second();
        KuboNode other = KuboNodes.shared().first();
        // Nothing answers on its RPC port: a run that does start drains it, fails at once and returns it.
        String holder = GcTestNodes.register(GcTestNodes.id("sole-holder"),
                "http://127.0.0.1:" + FullGcRunTest.freePort(), gatewayOnly.gateway(), gatewayOnly.peerId());
        String replica = GcTestNodes.register(GcTestNodes.id("replica"), other);
        // a third active node holding nothing, so that "the last active node of the pool" is never why a run is refused
        GcTestNodes.register(GcTestNodes.id("bystander"), other);
        byte[] digest = new byte[32];
        ThreadLocalRandom.current().nextBytes(digest);
        Multihash content = Multihash.of(0x12, digest);
        String pinId = "pin-" + UUID.randomUUID();

        // pinned on the holder alone: it may not be drained, though another node is active
        publish(pinId, Cid.v1(Codec.DAG_PB, content).toString(), holder, PinStatus.PINNED);
        awaitPlacement(holder, pinId, true);
        refused(holder, Cid.v1(Codec.DAG_PB, content).toString());

        // a replica on the other node, named in its CIDv0 form: the holder may be drained now, but not while the
        // other node is drained itself
        publish(pinId, Cid.v0(content).toString(), replica, PinStatus.PINNED);
        awaitPlacement(replica, pinId, true);
        announce(replica, other, NodeState.DRAINING);
        refused(holder, null);
        announce(replica, other, NodeState.ACTIVE);
        String runId = given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .post("/gc/nodes/" + holder + "/runs")
                .then().statusCode(202).body("drained", equalTo(true)).extract().path("id");
        FullGcRunTest.awaitOutcome(runId, "failed");

        // unpinned on the other node: the holder is the last active replica again
        publish(pinId, Cid.v0(content).toString(), replica, PinStatus.UNPINNED);
        awaitPlacement(replica, pinId, false);
        refused(holder, null);
    }

    private static void refused(String nodeId, String example) {
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"full\"}")
                .post("/gc/nodes/" + nodeId + "/runs")
                .then().statusCode(409).body("error.reason", equalTo("CONFLICT"))
                .body("error.details", allOf(containsString(SOLE), containsString(example == null ? SOLE : example)));
    }

    private void awaitPlacement(String nodeId, String pinId, boolean present) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> pool
                .preparedQuery("SELECT count(*) FROM gc_pin_placement WHERE node_id = $1 AND pin_id = $2")
                .execute(Tuple.of(nodeId, pinId)).await().atMost(DEADLINE)
                .iterator().next().getLong(0) == (present ? 1 : 0));
    }

    private static void publish(String pinId, String cid, String nodeId, PinStatus status) {
        PinStatusChanged change = new PinStatusChanged(pinId, cid, nodeId, status,
                status == PinStatus.PINNED ? PinStatus.PINNING : PinStatus.PINNED, null, null, null);
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
    }

    private static void announce(String id, KuboNode kubo, NodeState state) {
        GcTestNodes.publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE, new NodeRegistered(id, kubo.peerId(), kubo.rpc(),
                kubo.gateway(), GcTestNodes.SWARM, "0.43.1", state, "test-region", "test-zone-a", GcTestNodes.CAPACITY, GcTestNodes.TAGS)));
        await().atMost(DEADLINE).until(() -> given().get("/gc/nodes").then().extract().jsonPath()
                .getList("findAll { it.id == '" + id + "' }.state", String.class).contains(state.json()));
    }
}
