package io.pinfold.pin.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.pin.denylist.BlockedContent;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.net.CuttableLink;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against real Kubo nodes, PostgreSQL and Kafka: rows written as the API path writes them end as real
 * pins on the nodes, and go again when no pin wants them. Test config: 200 ms ticks, 3 attempts, 2 s fetch idle timeout.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_test"))
class ReconcileTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** A scrape that hangs must not use up a whole await: it is cut after 5 s and asked again. */
    private static final io.restassured.config.RestAssuredConfig SCRAPE = io.restassured.RestAssured.config().httpClient(
            io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5000).setParam("http.connection.timeout", 5000));
    private final KuboNode first = KuboNodes.shared().first();
    private final KuboNode second = KuboNodes.shared().second();

    @BeforeEach
    void nodesRegistered() {
        await().atMost(SETTLE).until(() -> PinRows.column("SELECT id FROM kubo_node WHERE id IN ('kubo-1', 'kubo-2') AND state = 'active'").size() == 2);
    }

    @Test
    void aWantedRowEndsPinnedOnItsNodeWithBlocksFetchedAndAnEvent() {
        String cid = KuboHttp.addRandom(first.rpcUrl(), 5_000); // on kubo-1 only: kubo-2 must fetch its 5+ blocks
        String pin = PinRows.request("tenant-a", cid, "kubo-2");

        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-2")));
        assertThat(KuboHttp.pinned(second.rpcUrl(), cid)).isTrue();
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isFalse();
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.desired(pin, "status")));
        assertThat(PinRows.desired(pin, "info->>'nodes'")).isEqualTo("kubo-2=pinned");
        assertThat(Long.parseLong(PinRows.desired(pin, "info->>'blocks_fetched'"))).isGreaterThanOrEqualTo(5);
        assertThat(Long.parseLong(PinRows.column("SELECT blocks_fetched FROM node_pin WHERE pin_id = '" + pin + "'").get(0)))
                .isGreaterThanOrEqualTo(5);

        var events = TopicProbe.shared().await("pinfold.pin-status",
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(pin)
                        && new String(record.value(), StandardCharsets.UTF_8).contains("\"status\":\"pinned\""), SETTLE);
        assertThat(TopicProbe.header(events.get(events.size() - 1), "ce_type")).isEqualTo("io.pinfold.pin.status-changed");
        assertThat(new String(events.get(events.size() - 1).value(), StandardCharsets.UTF_8)).contains("\"nodeId\":\"kubo-2\"");
    }

    @Test
    void removalUnpinsOnlyOnceNoOtherWantedRowOnTheNodeWantsTheContent() {
        String cid = KuboHttp.addRandom(first.rpcUrl(), 2_000);
        String tenantA = PinRows.request("tenant-a", cid, "kubo-1");
        String tenantB = PinRows.request("tenant-b", cid, "kubo-1");
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(tenantA, "kubo-1"))
                && "pinned".equals(PinRows.nodeStatus(tenantB, "kubo-1")));
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isTrue();

        PinRows.remove(tenantA);
        await().atMost(SETTLE).until(() -> PinRows.nodeStatus(tenantA, "kubo-1") == null); // row settled and gone
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).as("tenant b still wants it on kubo-1").isTrue();

        PinRows.remove(tenantB);
        await().atMost(SETTLE).until(() -> PinRows.nodeStatus(tenantB, "kubo-1") == null);
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).as("no pin wants it any more").isFalse();
    }

    @Test
    void aPinRemovedBehindTheServicesBackIsRestoredAndAPinItDoesNotOwnIsLeftAlone() {
        String cid = KuboHttp.addRandom(first.rpcUrl(), 1_500);
        String pin = PinRows.request("tenant-a", cid, "kubo-1");
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1")));
        String foreign = KuboHttp.addRandom(first.rpcUrl(), 700);
        KuboHttp.pinAdd(first.rpcUrl(), foreign); // an operator's own pin: not pin-service's

        KuboHttp.pinRm(first.rpcUrl(), cid);
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isFalse();

        try {
            await().atMost(SETTLE).until(() -> KuboHttp.pinned(first.rpcUrl(), cid));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the drift check did not restore " + cid + " on kubo-1 within " + SETTLE + "; what the reconciler saw: "
                    + PinRows.column("SELECT node_id || ' ' || status || ' wanted=' || wanted || ' attempts=' || attempts || ' next=' || next_attempt_at"
                            + " || ' updated=' || updated_at || ' reason=' || coalesce(failure_reason, '-') FROM node_pin WHERE pin_id = '" + pin + "'")
                    + ", leases " + PinRows.column("SELECT node_id || '=' || owner || ' until ' || expires_at FROM reconcile_lease")
                    + ", nodes " + PinRows.column("SELECT id || ' ' || state FROM kubo_node")
                    + ", due on kubo-1 " + PinRows.column("SELECT count(*) FROM node_pin WHERE node_id = 'kubo-1' AND next_attempt_at <= now()")
                    + ", restored so far " + metric("pinfold_reconcile_outcomes_total", "outcome=\"restored\""), e);
        }
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1")));
        try {
            await().atMost(SETTLE).until(() -> metric("pinfold_reconcile_unowned_pins", "node=\"kubo-1\"") >= 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the unowned-pins gauge of kubo-1 stayed below 1 for " + SETTLE + "; its lines now: "
                    + metricLines("pinfold_reconcile_unowned_pins") + ", drift outcomes " + metricLines("pinfold_reconcile_outcomes_total")
                    + ", leases " + PinRows.column("SELECT node_id || '=' || owner || ' until ' || expires_at FROM reconcile_lease")
                    + ", nodes " + PinRows.column("SELECT id || ' ' || state || ' ' || rpc_url FROM kubo_node"), e);
        }
        assertThat(KuboHttp.pinned(first.rpcUrl(), foreign)).as("a pin it does not own is never touched").isTrue();
        var events = TopicProbe.shared().await("pinfold.pin-status",
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(pin)
                        && new String(record.value(), StandardCharsets.UTF_8).contains("drift"), SETTLE);
        assertThat(events).isNotEmpty();
    }

    @Test
    void aRowWhoseMultihashIsNotItsCidsIsFailedWithTheReasonAndItsContentNeverPinned() {
        // Both contents are on kubo-1, so a pin add of either would succeed at once: only the check stops it.
        String cid = KuboHttp.addRandom(first.rpcUrl(), 1_200);
        String other = KuboHttp.addRandom(first.rpcUrl(), 1_300);
        String otherMultihash = io.pinfold.ipfs.cid.Cid.parse(other).multihash().toBase32();
        String mismatched = PinRows.requestWithMultihash("tenant-a", cid, otherMultihash, "kubo-1");
        String fine = PinRows.request("tenant-a", other, "kubo-1");

        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.nodeStatus(mismatched, "kubo-1")));
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(fine, "kubo-1")));
        String reason = PinRows.column("SELECT failure_reason FROM node_pin WHERE pin_id = '" + mismatched + "'").get(0);
        assertThat(reason).startsWith("refused: ").contains(otherMultihash).contains(cid).contains("nothing was pinned");
        assertThat(PinRows.column("SELECT attempts FROM node_pin WHERE pin_id = '" + mismatched + "'")).containsExactly("0");
        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.desired(mismatched, "status")));
        assertThat(PinRows.desired(mismatched, "failure_reason")).isEqualTo(reason);
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).as("the row's cid was never pinned").isFalse();

        // Settled: it is not tried again on later ticks.
        sleepMillis(1_500);
        assertThat(PinRows.nodeStatus(mismatched, "kubo-1")).isEqualTo("failed");
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isFalse();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void contentNoNodeCanFetchIsRetriedWithBackoffThenFailedWithTheReason() {
        String unreachable = KuboHttp.hashOnly(first.rpcUrl(), 3_000); // a CID whose blocks nobody has
        String pin = PinRows.request("tenant-a", unreachable, "kubo-1");

        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.nodeStatus(pin, "kubo-1")));
        assertThat(PinRows.column("SELECT attempts || ' ' || failure_reason FROM node_pin WHERE pin_id = '" + pin + "'").get(0))
                .startsWith("3 gave up after 3 attempts: kubo pin/add:");
        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.desired(pin, "status")));
        assertThat(PinRows.desired(pin, "failure_reason")).startsWith("gave up after 3 attempts");
        var retries = TopicProbe.shared().await("pinfold.pin-status",
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(pin)
                        && new String(record.value(), StandardCharsets.UTF_8).contains("\"attempt\":2"), SETTLE);
        assertThat(retries).isNotEmpty();
    }

    @Test
    void aDrainingNodeGetsNoWorkUntilItIsActiveAgain() {
        publishNodeState(second, NodeState.DRAINING, "full GC run 1");
        await().atMost(SETTLE).until(() -> PinRows.column("SELECT state FROM kubo_node WHERE id = 'kubo-2'").get(0).equals("draining"));
        String cid = KuboHttp.addRandom(first.rpcUrl(), 1_000);
        String pin = PinRows.request("tenant-a", cid, "kubo-2");
        try {
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> "queued".equals(PinRows.nodeStatus(pin, "kubo-2")));
            assertThat(KuboHttp.pinned(second.rpcUrl(), cid)).isFalse();
        } finally {
            publishNodeState(second, NodeState.ACTIVE, "GC run 1 done");
        }
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-2")));
        assertThat(KuboHttp.pinned(second.rpcUrl(), cid)).isTrue();
    }

    @Test
    void aNodeThatStopsAnsweringIsMarkedDownAndItsPinsMoveToAnActiveNode() {
        String node = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
        try (CuttableLink link = CuttableLink.to("127.0.0.1", first.rpcUrl().getPort())) {
            PinRows.update("INSERT INTO kubo_node (id, peer_id, rpc_url, gateway_url, state, registered_at, updated_at) VALUES ('" + node
                    + "', '" + first.peerId() + "', 'http://127.0.0.1:" + link.port() + "', '" + first.gateway() + "', 'active', now(), now())");
            String cid = KuboHttp.addRandom(second.rpcUrl(), 1_000);
            String pin = PinRows.request("tenant-a", cid, node);
            await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, node)));

            link.cut();
            await().atMost(SETTLE).until(() -> PinRows.column("SELECT state FROM kubo_node WHERE id = '" + node + "'").get(0).equals("down"));
            await().atMost(SETTLE).until(() -> PinRows.column("SELECT node_id FROM node_pin WHERE pin_id = '" + pin
                    + "' AND wanted AND status = 'pinned' AND node_id <> '" + node + "'").size() == 1);
            assertThat(PinRows.column("SELECT wanted::text FROM node_pin WHERE pin_id = '" + pin + "' AND node_id = '" + node + "'"))
                    .containsExactly("false");
            String movedTo = PinRows.column("SELECT node_id FROM node_pin WHERE pin_id = '" + pin + "' AND wanted").get(0);
            assertThat(movedTo).isIn("kubo-1", "kubo-2");
            var down = TopicProbe.shared().await("pinfold.nodes", record -> node.equals(record.key()) && record.value() != null
                    && new String(record.value(), StandardCharsets.UTF_8).contains("\"state\":\"down\""), SETTLE);
            assertThat(TopicProbe.header(down.get(0), "ce_type")).isEqualTo("io.pinfold.node.state-changed");
        }
    }

    @Test
    void blockedContentIsRemovedFromItsNodesAndFailedWithTheEntrysReasonUntilTheEntryGoes() {
        String cid = KuboHttp.addRandom(first.rpcUrl(), 1_000);
        String pin = PinRows.request("tenant-a", cid, "kubo-1");
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1")));
        String multihash = Cid.parse(cid).multihash().toBase32();
        DenylistEntryAdded entry = DenylistEntryAdded.of("/ipfs/" + cid, 451, "court-order", "court order 42", null);
        EventEnvelope<DenylistEntryAdded> event = EventEnvelope.create(PinfoldSource.TAKEDOWN_SERVICE, entry);
        RecordPublisher.shared().publish("pinfold.denylist", event.key(), CloudEventHeaders.write(event), codec.encode(entry));

        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.nodeStatus(pin, "kubo-1")));
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isFalse();
        assertThat(PinRows.column("SELECT failure_reason FROM node_pin WHERE pin_id = '" + pin + "'")).containsExactly("blocked: court order 42");
        await().atMost(SETTLE).until(() -> "failed".equals(PinRows.desired(pin, "status")));
        assertThat(PinRows.desired(pin, "failure_reason")).isEqualTo("blocked: court order 42");
        var block = blocked.find(Cid.parse(cid).toV1().multihash().toBase32()).await().atMost(Duration.ofSeconds(5));
        assertThat(block).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(451);
            assertThat(found.reason()).isEqualTo("court order 42");
        });

        RecordPublisher.shared().publish("pinfold.denylist", event.key(),
                CloudEventHeaders.writeTombstone(UUID.randomUUID().toString(), PinfoldSource.TAKEDOWN_SERVICE.uri(), Instant.now()), null);
        await().atMost(SETTLE).until(() -> "pinned".equals(PinRows.nodeStatus(pin, "kubo-1")));
        assertThat(KuboHttp.pinned(first.rpcUrl(), cid)).isTrue();
        assertThat(blocked.find(multihash).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    private final EventCodec codec = new EventCodec();

    @Inject
    BlockedContent blocked;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** The metric's largest value, or -1 when absent or when the scrape did not answer within 5 s (the await asks again). */
    private double metric(String name, String label) {
        String body;
        try {
            body = ManagementPort.given(management).config(SCRAPE).get("/q/metrics").then().statusCode(200).extract().asString();
        } catch (RuntimeException e) {
            return -1;
        }
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max().orElse(-1);
    }

    private String metricLines(String name) {
        try {
            return ManagementPort.given(management).config(SCRAPE).get("/q/metrics").then().extract().asString().lines()
                    .filter(line -> line.startsWith(name)).toList().toString();
        } catch (RuntimeException e) {
            return "(scrape failed: " + e + ")";
        }
    }

    private void publishNodeState(KuboNode node, NodeState state, String reason) {
        NodeStateChanged changed = new NodeStateChanged("kubo-2", node.peerId(), node.rpc(), node.gateway(), state, null, reason, null);
        EventEnvelope<NodeStateChanged> event = EventEnvelope.create(PinfoldSource.GC_SERVICE, changed);
        RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), codec.encode(changed));
    }
}
