package io.pinfold.gc.node;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.pinfold.events.EventEnvelope;
import io.pinfold.events.EventMetadata;
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
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** gc-service's view of the node registry, kept from pinfold.nodes on the real broker into real PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class NodeEventsConsumerTest {

    /** Health, metrics and OpenAPI answer on the management interface; Quarkus injects its URL with the /q root path. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final EventCodec codec = new EventCodec();

    @Test
    void nodeEventsAreKeptInOrderAndAnOlderReplayDoesNotWinOverANewerState() {
        KuboNode kubo = KuboNodes.shared().first();
        String id = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minusSeconds(60);
        EventEnvelope<NodeRegistered> registered = EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), "0.43.1", NodeState.ACTIVE));
        EventEnvelope<NodeStateChanged> draining = EventEnvelope.create(PinfoldSource.GC_SERVICE,
                new NodeStateChanged(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), NodeState.DRAINING, NodeState.ACTIVE, "full gc", null));
        publish(at(registered, t0));
        publish(at(draining, t0.plusSeconds(10)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gc/nodes")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.state", equalTo("draining")));

        // The registration again, as a replay (new event id, old time): the newer draining state stays.
        publish(at(EventEnvelope.create(PinfoldSource.PIN_SERVICE, registered.data()), t0));
        String marker = "gc-marker-" + UUID.randomUUID().toString().substring(0, 8);
        publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(marker, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), null, NodeState.ACTIVE)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", hasItem(marker)));
        given().get("/gc/nodes").then().body("find { it.id == '" + id + "' }.state", equalTo("draining"));
    }

    @Test
    void aTombstoneRemovesTheNode() {
        KuboNode kubo = KuboNodes.shared().second();
        String id = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, kubo.peerId(), kubo.rpc(), kubo.gateway(), List.of(), null, NodeState.ACTIVE)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", hasItem(id)));
        RecordPublisher.shared().publish("pinfold.nodes", id, List.of(), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", not(hasItem(id))));
    }

    @Test
    void readinessChecksKafkaPostgresAndKubo() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kubo nodes' }.data.up", Matchers.greaterThanOrEqualTo(1))
                .body("checks.name", hasItem("Kafka topics"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check")));
    }

    private static <D extends io.pinfold.events.EventData> EventEnvelope<D> at(EventEnvelope<D> event, Instant time) {
        EventMetadata metadata = event.metadata().withTime(time);
        return new EventEnvelope<>(event.key(), metadata, event.data());
    }

    private void publish(EventEnvelope<?> event) {
        RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), codec.encode(event.data()));
    }

    private RequestSpecification management() {
        return given().baseUri("http://" + management.getHost() + ":" + management.getPort());
    }
}
