package io.pinfold.gc.run;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.pinfold.events.EventEnvelope;
import io.pinfold.gc.GcTestNodes;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.node.NodeState;
import io.pinfold.events.node.NodeStateChanged;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What another gc-service copy leaves behind when it dies mid-run (a lease it no longer renews, a run still marked
 * running, its node draining on pinfold.nodes), and what this copy does about it; also the limits on draining.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class AbandonedRunTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aRunWhoseCopyDiedIsClosedAndItsNodeReturnedToActiveByAnotherCopy() throws Exception {
        KuboNode kubo = KuboNodes.shared().second();
        String nodeId = GcTestNodes.register(GcTestNodes.id("orphan"), kubo);
        UUID runId = UUID.randomUUID();
        // The dead copy's last acts: run started, node drained, lease taken (and then never renewed).
        execute("INSERT INTO gc_run (id, node_id, mode, run_trigger, dry_run, drained, outcome, started_at) "
                + "VALUES (?, ?, 'full', 'manual', false, true, 'running', now())", runId, nodeId);
        GcTestNodes.publish(EventEnvelope.create(PinfoldSource.GC_SERVICE, new NodeStateChanged(nodeId, kubo.peerId(),
                kubo.rpc(), kubo.gateway(), NodeState.DRAINING, NodeState.ACTIVE, "full GC run " + runId, Instant.now().plusSeconds(2))));
        execute("INSERT INTO gc_lease (node_id, run_id, owner, drained, expires_at) "
                + "VALUES (?, ?, 'a-copy-that-died', true, now() + interval '2 seconds')", nodeId, runId);

        FullGcRunTest.awaitOutcome(runId.toString(), "abandoned");
        given().header("Authorization", OPERATOR).get("/gc/runs/" + runId).then().body("error", containsString("lease"));
        assertThat(GcTestNodes.announcementsOfRun(nodeId, runId.toString())).extracting(NodeStateChanged::state)
                .containsExactly(NodeState.DRAINING, NodeState.ACTIVE);
        assertThat(GcTestNodes.gcEventsOfRun(nodeId, runId.toString())).containsExactly("io.pinfold.gc.failed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/gc/nodes")
                .then().body("find { it.id == '" + nodeId + "' }.state", equalTo("active")));
    }

    @Test
    void aRunningRunOfAnotherCopyBlocksAManualRunWith409NamingIt() throws Exception {
        String nodeId = GcTestNodes.register(GcTestNodes.id("busy"), KuboNodes.shared().first());
        UUID runId = UUID.randomUUID();
        execute("INSERT INTO gc_run (id, node_id, mode, run_trigger, dry_run, drained, outcome, started_at) "
                + "VALUES (?, ?, 'full', 'manual', false, false, 'running', now())", runId, nodeId);
        execute("INSERT INTO gc_lease (node_id, run_id, owner, drained, expires_at) "
                + "VALUES (?, ?, 'another-live-copy', false, now() + interval '60 seconds')", nodeId, runId);
        try {
            given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                    .post("/gc/nodes/" + nodeId + "/runs")
                    .then().statusCode(409).body("error.details", containsString(runId.toString()));
        } finally {
            execute("DELETE FROM gc_lease WHERE node_id = ?", nodeId);
        }
    }

    @Test
    void noMoreNodesAreDrainedAtOnceThanAllowed() throws Exception {
        String drainedElsewhere = GcTestNodes.register(GcTestNodes.id("drained"), KuboNodes.shared().second());
        String nodeId = GcTestNodes.register(GcTestNodes.id("next"), KuboNodes.shared().first());
        GcTestNodes.register(GcTestNodes.id("peer"), KuboNodes.shared().second());
        execute("INSERT INTO gc_lease (node_id, run_id, owner, drained, expires_at) "
                + "VALUES (?, ?, 'another-live-copy', true, now() + interval '60 seconds')", drainedElsewhere, UUID.randomUUID());
        try {
            given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                    .post("/gc/nodes/" + nodeId + "/runs")
                    .then().statusCode(409).body("error.details", containsString("pinfold.gc.max-drained=1"));
        } finally {
            execute("DELETE FROM gc_lease WHERE node_id = ?", drainedElsewhere);
        }
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
