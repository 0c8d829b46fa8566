package io.pinfold.gc;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.pinfold.events.EventData;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Registers nodes on the real pinfold.nodes topic and reads back what gc-service announced about them. */
public final class GcTestNodes {
    public static final String OPERATOR = "Bearer pf_test-admin-token-for-gc-service-tests";
    /** The registration every test node gets: a drain must repeat it. */
    public static final List<String> SWARM = List.of("/ip4/127.0.0.1/tcp/4001");
    public static final long CAPACITY = 1L << 40;
    public static final java.util.Map<String, String> TAGS = java.util.Map.of("tier", "hot");
    private static final EventCodec CODEC = new EventCodec();

    private GcTestNodes() {
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Announces an active node at these URLs, as pin-service's registry would, and waits until gc-service knows it. */
    public static String register(String id, String rpcUrl, String gatewayUrl, String peerId) {
        publish(EventEnvelope.create(PinfoldSource.PIN_SERVICE,
                new NodeRegistered(id, peerId, rpcUrl, gatewayUrl, SWARM, "0.43.1", NodeState.ACTIVE, "test-region", "test-zone-a",
                        CAPACITY, TAGS)));
        // the first test of a JVM also waits for the consumer to join its group
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().get("/gc/nodes").then().body("id", hasItem(id)));
        return id;
    }

    public static String register(String id, KuboNode kubo) {
        return register(id, kubo.rpc(), kubo.gateway(), kubo.peerId());
    }

    public static void publish(EventEnvelope<?> event) {
        RecordPublisher.shared().publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), CODEC.encode(event.data()));
    }

    /** The node.state-changed records on pinfold.nodes that name this run, in topic order, once the node is back (or the deadline passed). */
    public static List<NodeStateChanged> announcementsOfRun(String nodeId, String runId) {
        List<NodeStateChanged> changes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            changes.clear();
            changes.addAll(stateChanges(nodeId, runId));
            return changes.stream().anyMatch(change -> change.state() == NodeState.ACTIVE);
        });
        return changes;
    }

    private static List<NodeStateChanged> stateChanges(String nodeId, String runId) {
        List<NodeStateChanged> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicProbe.shared().await("pinfold.nodes",
                record -> nodeId.equals(record.key()) && record.value() != null, Duration.ofSeconds(3))) {
            EventData data = CODEC.decode(record.key(), record.headers(), record.value()).data();
            if (data instanceof NodeStateChanged changed && changed.reason() != null && changed.reason().contains(runId)) {
                found.add(changed);
            }
        }
        return found;
    }

    /** The types of pinfold.gc events of this run, in topic order. */
    public static List<String> gcEventsOfRun(String nodeId, String runId) {
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicProbe.shared().await("pinfold.gc",
                record -> nodeId.equals(record.key()) && runId.equals(TopicProbe.header(record, "ce_subject")), Duration.ofSeconds(3))) {
            types.add(TopicProbe.header(record, "ce_type"));
        }
        return types;
    }
}
