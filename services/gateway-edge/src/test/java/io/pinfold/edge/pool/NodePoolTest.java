package io.pinfold.edge.pool;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** The edge's gateway pool, fed by pinfold.nodes on the real broker and probed against real Kubo gateways. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class NodePoolTest {
    private final EventCodec codec = new EventCodec();

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void announcedNodesJoinThePoolAndTheEdgeBecomesReady() {
        KuboNode kubo = KuboNodes.shared().first();
        String id = "edge-" + UUID.randomUUID().toString().substring(0, 8);
        announce(new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management().get("/edge/pool")
                .then().statusCode(200)
                .body("find { it.id == '" + id + "' }.state", equalTo("active"))
                .body("find { it.id == '" + id + "' }.gatewayUrl", equalTo(kubo.gateway())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Kubo gateways' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Edge state read to the end' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kubo gateways' }.data." + id, containsString("UP " + kubo.gateway())));
    }

    @Test
    void aDrainingNodeStaysKnownButStopsServingAndATombstoneRemovesIt() {
        KuboNode kubo = KuboNodes.shared().second();
        String id = "drain-" + UUID.randomUUID().toString().substring(0, 8);
        announce(new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE));
        announce(new NodeStateChanged(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), NodeState.DRAINING, NodeState.ACTIVE, "gc", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management().get("/edge/pool")
                .then().body("find { it.id == '" + id + "' }.state", equalTo("draining")));
        management().get("/q/health/ready").then().body("checks.find { it.name == 'Kubo gateways' }.data", not(hasKey(id)));

        RecordPublisher.shared().publish("pinfold.nodes", id, List.of(), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management().get("/edge/pool")
                .then().body("id", not(hasItem(id))));
    }

    @Test
    void aRecordThatBreaksTheContractIsSkippedAndLaterOnesStillApply() {
        RecordPublisher.shared().publish("pinfold.nodes", "junk", List.of(new RecordHeader("ce_type", "io.pinfold.nope".getBytes(StandardCharsets.UTF_8))),
                "{not json".getBytes(StandardCharsets.UTF_8));
        KuboNode kubo = KuboNodes.shared().first();
        String id = "after-junk-" + UUID.randomUUID().toString().substring(0, 8);
        announce(new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), null, NodeState.ACTIVE));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> management().get("/edge/pool").then().body("id", hasItem(id)));
        management().get("/edge/pool").then().body("id", not(hasItem("junk")));
        management().get("/q/metrics").then().body(containsString("pinfold_consumer_records_total{channel=\"nodes\",outcome=\"skipped\"}"));
    }

    /** The pool, health and metrics answer on the management port only (the injected URL ends in /q: use its server). */
    private RequestSpecification management() {
        return io.pinfold.testsupport.quarkus.ManagementPort.given(management);
    }

    private void announce(io.pinfold.events.SelfKeyedEvent data) {
        EventEnvelope<?> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, data);
        RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), codec.encode(data));
    }
}
