package io.pinfold.gc.bench;

import static io.pinfold.gc.GcTestNodes.OPERATOR;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * bench/gc/run: on one Kubo node per layout (CIDv1 raw leaves on the first, CIDv0 dag-pb leaves on the second), a repo
 * of PINFOLD_BENCH_BLOCKS blocks over DAGs of 1,000 leaves, each pinned; then, in the same repo, the time to reclaim
 * one unpinned 1,000-block DAG with targeted GC (gc-service's run, server-side duration) against Kubo's repo gc of
 * another, and the longest {@code pin add} issued back to back during each. Not a test (no *Test name): only the
 * bench script runs it.
 */
@QuarkusTest
@TestProfile(TargetedGcBench.ProductionBatches.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class TargetedGcBench {
    private static final int LEAVES = 1_000;
    private static final Duration LONG = Duration.ofMinutes(30);

    @Inject
    KuboClients kuboClients;

    /**
     * The test profile's GC settings are made for the safety tests (4-block batches, so pins land between them); the
     * benchmark runs with the defaults a deployment has.
     */
    public static final class ProductionBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pinfold.gc.targeted-batch-size", "256", "pinfold.gc.targeted-max-share-percent", "50");
        }
    }

    @Test
    void targetedAgainstRepoGc() throws Exception {
        long blocks = Long.parseLong(System.getenv().getOrDefault("PINFOLD_BENCH_BLOCKS", "100000"));
        Path out = Path.of(System.getenv().getOrDefault("PINFOLD_BENCH_OUT", "target/gc-bench.txt"));
        List<String> lines = new ArrayList<>();
        lines.add(row("layout", "blocks", "targeted ms", "repo gc ms", "repo gc / targeted", "max pin add ms (targeted)",
                "max pin add ms (repo gc)", "index build ms (once)"));
        lines.add(measure("CIDv1 raw leaves", KuboNodes.shared().first(),
                AddOptions.defaults().withCidVersion(1).withRawLeaves(true).withChunker("size-1024").withPin(true), blocks));
        lines.add(measure("CIDv0 dag-pb leaves", KuboNodes.shared().second(),
                AddOptions.defaults().withChunker("size-1024").withPin(true), blocks));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        lines.forEach(System.out::println);
    }

    private String measure(String layout, KuboNode kubo, AddOptions options, long blocks) throws Exception {
        KuboClient node = kuboClients.forNode(kubo.rpcUrl()).withTimeout(LONG).withStreamIdleTimeout(LONG);
        String nodeId = GcTestNodes.register(GcTestNodes.id("bench"), kubo);
        Random random = new Random(layout.hashCode());
        List<String> dags = new ArrayList<>();
        long dagCount = Math.max(3, blocks / (LEAVES + 6));
        for (int i = 0; i < dagCount; i++) {
            byte[] bytes = new byte[LEAVES * 1024];
            random.nextBytes(bytes);
            dags.add(node.content().add(bytes, options).await().atMost(LONG).cid());
        }
        long repoBlocks = node.repo().stat(false).await().atMost(LONG).numObjects();
        JsonPath build = runTargeted(nodeId); // the index of every pinned DAG, once per node

        unpin(node, nodeId, dags.get(0));
        PinProbe targetedProbe = PinProbe.start(node);
        JsonPath targeted = runTargeted(nodeId);
        long targetedStall = targetedProbe.stop();
        assertThat(targeted.getLong("blocksRemoved")).isGreaterThanOrEqualTo(LEAVES);

        node.pin().rm(dags.get(1), true).await().atMost(LONG);
        PinProbe fullProbe = PinProbe.start(node);
        long started = System.nanoTime();
        long removed = node.repo().gc().filter(result -> result.removedCid().isPresent()).collect().asList().await().atMost(LONG).size();
        long repoGcMillis = (System.nanoTime() - started) / 1_000_000;
        long fullStall = fullProbe.stop();
        assertThat(removed).isGreaterThanOrEqualTo(LEAVES);
        assertThat(node.pin().verify(false).collect().asList().await().atMost(LONG)).allMatch(PinVerification::ok);

        long targetedMillis = targeted.getLong("durationMillis");
        return row(layout, Long.toString(repoBlocks), Long.toString(targetedMillis), Long.toString(repoGcMillis),
                String.format("%.1fx", repoGcMillis / (double) Math.max(1, targetedMillis)),
                targetedStall + " (" + targetedProbe.count() + " pins)", fullStall + " (" + fullProbe.count() + " pins)",
                Long.toString(build.getLong("durationMillis")));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static void unpin(KuboClient node, String nodeId, String cid) {
        node.pin().rm(cid, true).await().atMost(LONG);
        PinStatusChanged change = new PinStatusChanged("pin-" + UUID.randomUUID(), cid, nodeId, PinStatus.UNPINNED,
                PinStatus.PINNED, null, null, null);
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
    }

    private static JsonPath runTargeted(String nodeId) {
        String runId = given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"targeted\"}")
                .post("/gc/nodes/" + nodeId + "/runs").then().statusCode(202).extract().path("id");
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> !"running".equals(run(runId).getString("outcome")));
        JsonPath run = run(runId);
        assertThat(run.getString("outcome")).as(run.getString("error")).isEqualTo("completed");
        assertThat(run.getString("mode")).isEqualTo("targeted");
        return run;
    }

    private static JsonPath run(String runId) {
        return given().header("Authorization", OPERATOR).get("/gc/runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** Pinning adds of fresh small content, back to back on a thread of its own; the longest one. */
    private static final class PinProbe {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong longest = new AtomicLong();
        private final AtomicLong count = new AtomicLong();
        private final Thread thread;

        private PinProbe(KuboClient node) {
            thread = new Thread(() -> {
                Random random = new Random();
                while (running.get()) {
                    byte[] bytes = new byte[512];
                    random.nextBytes(bytes);
                    // One call that stores and pins (it takes the pin lock as pin add does, so it waits for GC the same
                    // way). Adding unpinned first and pinning after raced repo gc: it deleted the fresh block in
                    // between and the pin add then looked for it on the network for good (seen in a run).
                    long started = System.nanoTime();
                    node.content().add(bytes, AddOptions.defaults().withPin(true)).await().atMost(LONG);
                    longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    count.incrementAndGet();
                }
            }, "pin-probe");
        }

        static PinProbe start(KuboClient node) throws InterruptedException {
            PinProbe probe = new PinProbe(node);
            probe.thread.start();
            Thread.sleep(200); // pins are flowing before the run starts
            return probe;
        }

        long stop() throws InterruptedException, IOException {
            running.set(false);
            thread.join();
            return longest.get();
        }

        long count() {
            return count.get();
        }
    }
}
