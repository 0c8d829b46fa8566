package io.pinfold.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.systemtest.health.HealthReport;
import io.pinfold.systemtest.http.JsonHttp;
import io.pinfold.systemtest.outbox.RelayHold;
import io.pinfold.systemtest.process.ServiceProcess;
import io.pinfold.systemtest.tracing.SpanTree;
import io.pinfold.testsupport.kafka.TopicProbe;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.postgres.Postgres;
import io.pinfold.testsupport.postgres.PostgresDatabase;
import io.pinfold.testsupport.tracing.JaegerQuery;
import io.pinfold.testsupport.tracing.Trace;
import io.pinfold.testsupport.tracing.TraceSpan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system, end to end: the four packaged services as separate JVMs on real Kafka, PostgreSQL, Kubo
 * and Jaeger. Before any test, the edge's readiness is read (no node announced yet) and an operator registers
 * the first Kubo node on pin-service; the tests then check what that did. The kill -9 test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinfoldSystemIT {

    private static final String NODES_TOPIC = "pinfold.nodes";
    private static final String NODE_REGISTERED = "io.pinfold.node.registered";
    private static final String GATEWAYS_CHECK = "Kubo gateways";
    private static final String KUBO_NODES_CHECK = "Kubo nodes";
    private static final String KAFKA_CHECK = "Kafka connection health check";
    private static final String TOPICS_CHECK = "Kafka topics";
    private static final String EDGE_STATE_CHECK = "Edge state read to the end";
    private static final String POSTGRES_CHECK = "Reactive PostgreSQL connections health check";
    /** DESIGN.md: convergence within 30 s of a restart; the same bound for an event to reach its consumers. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private static final JsonHttp http = new JsonHttp();
    private static PinfoldSystem system;
    private static HealthReport edgeBeforeAnyNode;
    private static String firstNodeId;
    private static JsonHttp.Answer firstRegistration;

    /** pin-service's /nodes needs the operator's token. */
    private static JsonHttp operator() {
        return http.withBearer(system.adminToken());
    }

    @BeforeAll
    static void startSystemAndRegisterTheFirstNode() {
        system = PinfoldSystem.start(logDirectory());
        edgeBeforeAnyNode = edge().health("/q/health/ready");
        firstNodeId = "st-" + system.runId() + "-a";
        firstRegistration = operator().post(pin().baseUrl() + "/nodes", registration(firstNodeId, system.kubo().first()));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyServiceIsReadyWithTheChecksOfWhatItDependsOn() {
        String broker = system.kafkaBootstrap();
        int kuboNodes = system.kubo().size();

        HealthReport pin = pin().awaitReady(CONVERGENCE);
        assertAllUp(pin, KAFKA_CHECK, TOPICS_CHECK, POSTGRES_CHECK, KUBO_NODES_CHECK);
        assertThat(pin.check(KAFKA_CHECK).orElseThrow().data().path("nodes").asText()).isEqualTo(broker);
        // Started with no configured nodes: it learns them from POST /nodes, so it has none to probe.
        assertThat(pin.check(KUBO_NODES_CHECK).orElseThrow().data().path("configured").asInt(-1)).isZero();

        HealthReport gc = process(PinfoldService.GC).awaitReady(CONVERGENCE);
        assertAllUp(gc, KAFKA_CHECK, TOPICS_CHECK, POSTGRES_CHECK, KUBO_NODES_CHECK);
        assertThat(gc.check(KAFKA_CHECK).orElseThrow().data().path("nodes").asText()).isEqualTo(broker);
        JsonNode gcKubo = gc.check(KUBO_NODES_CHECK).orElseThrow().data();
        assertThat(gcKubo.path("configured").asInt()).as("gc-service Kubo nodes: %s", gcKubo).isEqualTo(kuboNodes);
        assertThat(gcKubo.path("up").asInt()).as("gc-service Kubo nodes: %s", gcKubo).isEqualTo(kuboNodes);

        HealthReport takedown = process(PinfoldService.TAKEDOWN).awaitReady(CONVERGENCE);
        assertAllUp(takedown, KAFKA_CHECK, TOPICS_CHECK, POSTGRES_CHECK);
        assertThat(takedown.checks()).as("takedown-service never calls Kubo").doesNotContainKeys(KUBO_NODES_CHECK, GATEWAYS_CHECK);

        HealthReport edge = edge().awaitReady(CONVERGENCE);
        assertAllUp(edge, EDGE_STATE_CHECK, GATEWAYS_CHECK);
        assertThat(edge.check(EDGE_STATE_CHECK).orElseThrow().data().path("mode").asText()).isEqualTo("live");
        // It keeps serving with Kafka down (from memory or its local snapshot): Kafka's checks are not in its readiness.
        assertThat(edge.checks()).as("gateway-edge has no database, never calls a Kubo RPC API, serves without Kafka")
                .doesNotContainKeys(POSTGRES_CHECK, KUBO_NODES_CHECK, KAFKA_CHECK, TOPICS_CHECK);
        assertThat(edge.check(GATEWAYS_CHECK).orElseThrow().data().path("serving").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNodeRegisteredOnPinServiceReachesTheEdgeAndGcServiceAcrossTheBroker() {
        KuboNode kubo = system.kubo().first();
        assertThat(firstRegistration.status()).as(firstRegistration.toString()).isEqualTo(201);
        JsonNode registered = firstRegistration.json();
        assertThat(registered.path("id").asText()).isEqualTo(firstNodeId);
        assertThat(registered.path("peerId").asText()).as("peer ID asked from the node itself").isEqualTo(kubo.peerId());

        List<ConsumerRecord<String, byte[]>> records = new TopicProbe(system.kafkaBootstrap())
                .await(NODES_TOPIC, record -> firstNodeId.equals(record.key()), CONVERGENCE);
        assertThat(records).as("records keyed %s on %s", firstNodeId, NODES_TOPIC).isNotEmpty()
                .allSatisfy(record -> assertThat(TopicProbe.header(record, "ce_type")).isEqualTo(NODE_REGISTERED));

        await("the edge's pool to hold " + firstNodeId).atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode node = nodeIn(edge().managementUrl() + "/edge/pool", firstNodeId);
            assertThat(node.path("gatewayUrl").asText()).isEqualTo(kubo.gateway());
            assertThat(node.path("peerId").asText()).isEqualTo(kubo.peerId());
            assertThat(node.path("state").asText()).isEqualTo("active");
            assertThat(node.has("rpcUrl")).as("the edge never keeps a Kubo RPC URL").isFalse();
        });
        await("gc-service to hold " + firstNodeId).atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode node = nodeIn(process(PinfoldService.GC).baseUrl() + "/gc/nodes", firstNodeId);
            assertThat(node.path("rpcUrl").asText()).isEqualTo(kubo.rpc());
            assertThat(node.path("peerId").asText()).isEqualTo(kubo.peerId());
            assertThat(node.path("state").asText()).isEqualTo("active");
        });
    }

    @Test
    void oneTraceRunsFromThePostOnPinServiceToBothConsumersOfTheEvent() {
        JaegerQuery jaeger = system.jaeger().query();
        String traceId = jaeger.awaitTrace("pin-service", "POST /nodes",
                candidate -> candidate.spans().stream().anyMatch(span -> firstNodeId.equals(span.tags().get("pinfold.node.id"))),
                CONVERGENCE).traceId();
        // The consumers' spans reach Jaeger later than the POST's; wait for them, showing the trace as it is if they never come.
        AtomicReference<Trace> trace = new AtomicReference<>();
        await("the trace of POST /nodes to reach gateway-edge and gc-service").atMost(CONVERGENCE).untilAsserted(() -> {
            trace.set(jaeger.trace(traceId).orElseThrow());
            assertThat(trace.get().services()).as("services in the trace of POST /nodes (%s)\n%s", firstNodeId,
                    new SpanTree(trace.get()).describe()).contains("pin-service", "gateway-edge", "gc-service");
            assertThat(new SpanTree(trace.get()).spansOf("pin-service", "producer")).as("pin-service's publish span in\n%s",
                    new SpanTree(trace.get()).describe()).isNotEmpty();
        });
        SpanTree tree = new SpanTree(trace.get());

        assertThat(tree.roots()).as(tree.describe()).hasSize(1);
        TraceSpan root = tree.roots().get(0);
        assertThat(root.serviceName()).as(tree.describe()).isEqualTo("pin-service");
        assertThat(root.operationName()).as(tree.describe()).isEqualTo("POST /nodes");
        assertThat(root.tags()).as(tree.describe()).containsEntry("span.kind", "server");

        for (String consumer : List.of("gateway-edge", "gc-service")) {
            List<TraceSpan> received = tree.spansOf(consumer, "consumer");
            assertThat(received).as("%s consumer spans in %s", consumer, tree.describe()).isNotEmpty();
            for (TraceSpan span : received) {
                TraceSpan parent = tree.parent(span).orElseThrow(() -> new AssertionError(consumer
                        + "'s span " + span.spanId() + " has no parent in the trace\n" + tree.describe()));
                assertThat(parent.serviceName()).as("parent of %s's receive span\n%s", consumer, tree.describe()).isEqualTo("pin-service");
                assertThat(parent.tags()).as("parent of %s's receive span\n%s", consumer, tree.describe())
                        .containsEntry("span.kind", "producer");
                assertThat(tree.ancestors(span)).as("%s's receive span leads back to the POST\n%s", consumer, tree.describe())
                        .last().isEqualTo(root);
            }
        }
    }

    @Test
    void theEdgeIsReadyOnlyOnceAGatewayIsAnnounced() {
        assertThat(edgeBeforeAnyNode.httpStatus()).as("edge readiness before any node: %s", edgeBeforeAnyNode).isEqualTo(503);
        assertThat(edgeBeforeAnyNode.downChecks()).as("edge readiness before any node: %s", edgeBeforeAnyNode)
                .containsExactly(GATEWAYS_CHECK);

        HealthReport after = edge().awaitReady(CONVERGENCE);
        assertThat(after.check(GATEWAYS_CHECK).orElseThrow().data().path(firstNodeId).asText())
                .as("edge readiness after %s was registered: %s", firstNodeId, after)
                .isEqualTo("UP " + system.kubo().first().gateway());
    }

    @Test
    void theEdgesMainPortShowsNoManagementEndpointAsPackaged() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/edge/pool")) {
            JsonHttp.Answer main = http.getAnything(edge().baseUrl() + path);
            assertThat(main.status()).as("main port: %s", main).isEqualTo(404);
            JsonHttp.Answer management = http.getAnything(edge().managementUrl() + path);
            assertThat(management.status()).as("management port: %s", management).isIn(200, 503);
        }
    }

    /**
     * Last: it kills pin-service, whose spans of earlier tests must have left by then. Its relay is held off
     * ({@link RelayHold}), so the kill falls between the commit and the publish, every time.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNodeRegisteredRightBeforePinServiceIsKilledIsStillAnnouncedAfterRestart() throws SQLException {
        KuboNode kubo = system.kubo().second();
        String nodeId = "st-" + system.runId() + "-b";
        ServiceProcess pin = pin();
        PostgresDatabase pinDatabase = system.database(PinfoldService.PIN);
        pin.kill();
        RelayHold hold = RelayHold.take(pinDatabase);
        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);

        JsonHttp.Answer answer = operator().post(pin.baseUrl() + "/nodes", registration(nodeId, kubo));
        int exitCode = pin.kill();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(exitCode).as("exit code of pin-service after SIGKILL").isEqualTo(128 + 9);

        // The node and its event committed in one transaction, and the event had not left.
        assertThat(count(pinDatabase, "SELECT count(*) FROM kubo_node WHERE id = ?", nodeId)).isEqualTo(1);
        assertThat(count(pinDatabase, "SELECT count(*) FROM outbox_event WHERE record_key = ?", nodeId))
                .as("events keyed %s in pin-service's outbox at the kill", nodeId).isEqualTo(1);

        hold.release();
        pin.start();
        pin.awaitReady(PinfoldSystem.START_TIMEOUT);
        Instant ready = Instant.now();

        await("the edge's pool to hold " + nodeId + " after the restart").atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(nodeIn(edge().managementUrl() + "/edge/pool", nodeId).path("gatewayUrl").asText()).isEqualTo(kubo.gateway()));
        await("gc-service to hold " + nodeId + " after the restart").atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(nodeIn(process(PinfoldService.GC).baseUrl() + "/gc/nodes", nodeId).path("rpcUrl").asText()).isEqualTo(kubo.rpc()));
        await("pin-service's outbox to be drained").atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(count(pinDatabase, "SELECT count(*) FROM outbox_event WHERE record_key = ?", nodeId)).isZero());
        Duration convergence = Duration.between(ready, Instant.now());

        // At-least-once by design (OutboxRelay): a crash between send and delete sends the same event again.
        // So: one event for this change, maybe delivered twice, never two different events, never none.
        List<ConsumerRecord<String, byte[]>> records = new TopicProbe(system.kafkaBootstrap())
                .await(NODES_TOPIC, record -> nodeId.equals(record.key()), CONVERGENCE);
        assertThat(records).as("records keyed %s on %s", nodeId, NODES_TOPIC).isNotEmpty()
                .allSatisfy(record -> assertThat(TopicProbe.header(record, "ce_type")).isEqualTo(NODE_REGISTERED));
        List<String> eventIds = records.stream().map(record -> TopicProbe.header(record, "ce_id")).distinct().toList();
        assertThat(eventIds).as("CloudEvent ids of the records keyed %s", nodeId).hasSize(1);
        // gc-service applied that very event, once, through its inbox.
        assertThat(count(system.database(PinfoldService.GC),
                "SELECT count(*) FROM inbox_event WHERE event_id = ?", eventIds.get(0))).isEqualTo(1);

        List<String> registry = StreamSupport.stream(operator().get(pin.baseUrl() + "/nodes").json().spliterator(), false)
                .map(node -> node.path("id").asText()).toList();
        assertThat(registry).as("pin-service's registry after the restart").contains(firstNodeId, nodeId);

        System.err.printf("system test %s: kill -9 between commit and publish of a node registration; "
                        + "%d record(s) of it on %s; consumers converged %d ms after the restart was ready%n",
                system.runId(), records.size(), NODES_TOPIC, convergence.toMillis());
    }

    private static void assertAllUp(HealthReport report, String... expectedChecks) {
        assertThat(report.up()).as("%s", report).isTrue();
        assertThat(report.downChecks()).as("%s", report).isEmpty();
        assertThat(report.checks()).as("%s", report).containsKeys(expectedChecks);
    }

    private static Map<String, String> registration(String id, KuboNode kubo) {
        return Map.of("id", id, "rpcUrl", kubo.rpc(), "gatewayUrl", kubo.gateway());
    }

    /** The element with that id of the JSON array a list endpoint answers; fails (for await to retry) when absent. */
    private static JsonNode nodeIn(String url, String id) {
        JsonHttp.Answer answer = http.get(url);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Optional<JsonNode> node = StreamSupport.stream(answer.json().spliterator(), false)
                .filter(candidate -> id.equals(candidate.path("id").asText()))
                .findFirst();
        assertThat(node).as("node %s in %s", id, answer).isPresent();
        return node.get();
    }

    private static int count(PostgresDatabase database, String sql, String parameter) throws SQLException {
        try (Connection connection = Postgres.connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static ServiceProcess process(PinfoldService service) {
        return system.process(service);
    }

    private static ServiceProcess pin() {
        return process(PinfoldService.PIN);
    }

    private static ServiceProcess edge() {
        return process(PinfoldService.EDGE);
    }

    private static Path logDirectory() {
        String configured = System.getProperty("pinfold.system.logs");
        return configured == null || configured.isBlank() ? Path.of("target", "system-logs") : Path.of(configured);
    }
}
