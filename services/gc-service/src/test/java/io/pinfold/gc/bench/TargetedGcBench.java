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
import io.pinfold.gc.GcRuns;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * bench/gc/run: on one Kubo node per layout (CIDv1 raw leaves on the first, CIDv0 dag-pb leaves on the second), a repo
 * of PINFOLD_BENCH_BLOCKS blocks over DAGs of 1,000 leaves, each pinned; then, in the same repo, the time to reclaim
 * one unpinned 1,000-block DAG with targeted GC (gc-service's run, server-side duration) against Kubo's repo gc of
 * another, and the longest {@code pin add} issued back to back during each. The repo is built with the ipfs CLI
 * (PINFOLD_BENCH_IPFS) against the node's RPC, {@value #FILES_PER_ADD} files per add call (each file pinned), which
 * is faster than one HTTP add per DAG. The probe starts 3 s before each run (steady pin traffic); its pins are
 * announced on pinfold.pin-status as pin-service would, so gc-service may index them ahead of the run; a second
 * targeted run (another unpinned DAG) has them not announced (pins behind Pinfold's back: its syncs walk them). Not a
 * test (no *Test name): only the bench script runs it.
 */
@QuarkusTest
@TestProfile(TargetedGcBench.ProductionBatches.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gc_service_test"))
class TargetedGcBench {
    private static final int LEAVES = 1_000;
    static final int FILES_PER_ADD = 50;
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
            return Map.of("pinfold.gc.targeted-batch-size", "256", "pinfold.gc.targeted-max-share-percent", "50",
                    // each sync's and run's figures (roots walked, syncs) in bench/gc/target/bench.log
                    "quarkus.log.category.\"io.pinfold.gc.index\".level", "DEBUG",
                    "quarkus.log.category.\"io.pinfold.gc.strategy\".level", "DEBUG");
        }
    }

    @Test
    void targetedAgainstRepoGc() throws Exception {
        long blocks = Long.parseLong(System.getenv().getOrDefault("PINFOLD_BENCH_BLOCKS", "100000"));
        Path out = Path.of(System.getenv().getOrDefault("PINFOLD_BENCH_OUT", "target/gc-bench.txt"));
        List<String> lines = new ArrayList<>();
        lines.add(row("layout", "blocks", "targeted ms", "repo gc ms", "repo gc / targeted", "max pin add ms (targeted)",
                "max pin add ms (repo gc)", "targeted ms, probe pins not announced", "index build ms (once)", "repo build s",
                "load avg 1m (start, end)"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        lines.add(measure("CIDv1 raw leaves", KuboNodes.shared().first(),
                List.of("--chunker=size-1024", "--cid-version=1", "--raw-leaves"), blocks));
        write(out, lines); // each row as soon as it is measured (a 1M-block run is long)
        lines.add(measure("CIDv0 dag-pb leaves", KuboNodes.shared().second(), List.of("--chunker=size-1024"), blocks));
        write(out, lines);
        lines.forEach(System.out::println);
    }

    private static void write(Path out, List<String> lines) throws IOException {
        Files.write(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String measure(String layout, KuboNode kubo, List<String> addFlags, long blocks) throws Exception {
        String loadStart = loadAverage();
        KuboClient node = kuboClients.forNode(kubo.rpcUrl()).withTimeout(LONG).withStreamIdleTimeout(LONG);
        String nodeId = GcTestNodes.register(GcTestNodes.id("bench"), kubo);
        long buildStarted = System.nanoTime();
        List<String> dags = BulkAdd.pinnedDags(kubo, addFlags, Math.max(3, blocks / (LEAVES + 6)), LEAVES * 1024,
                new Random(layout.hashCode()), FILES_PER_ADD);
        long buildSeconds = (System.nanoTime() - buildStarted) / 1_000_000_000;
        long repoBlocks = node.repo().stat(false).await().atMost(LONG).numObjects();
        JsonPath build = runTargeted(nodeId); // the index of every pinned DAG, once per node

        unpin(node, nodeId, dags.get(0));
        PinProbe targetedProbe = PinProbe.start(node, nodeId);
        JsonPath targeted = runTargeted(nodeId);
        long targetedStall = targetedProbe.stop();
        assertThat(targeted.getLong("blocksRemoved")).isGreaterThanOrEqualTo(LEAVES);

        // the same with the probe's pins not announced (pins made behind Pinfold's back): the run's syncs walk them
        unpin(node, nodeId, dags.get(2));
        PinProbe silentProbe = PinProbe.start(node, null);
        JsonPath silent = runTargeted(nodeId);
        long silentStall = silentProbe.stop();
        assertThat(silent.getLong("blocksRemoved")).isGreaterThanOrEqualTo(LEAVES);

        node.pin().rm(dags.get(1), true).await().atMost(LONG);
        PinProbe fullProbe = PinProbe.start(node, null);
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
                silent.getLong("durationMillis") + " (max pin add " + silentStall + " ms, " + silentProbe.count() + " pins)",
                Long.toString(build.getLong("durationMillis")), Long.toString(buildSeconds), loadStart + ", " + loadAverage());
    }

    /** The 1-minute load average of the machine (shared with others' runs), as /proc/loadavg says it. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "?";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static void unpin(KuboClient node, String nodeId, String cid) {
        node.pin().rm(cid, true).await().atMost(LONG);
        announce(nodeId, cid, PinStatus.UNPINNED, PinStatus.PINNED);
    }

    /** On pinfold.pin-status, as pin-service says it. */
    private static void announce(String nodeId, String cid, PinStatus status, PinStatus previous) {
        PinStatusChanged change = new PinStatusChanged("pin-" + UUID.randomUUID(), cid, nodeId, status, previous, null, null, null);
        EventEnvelope<PinStatusChanged> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, change.pinId(), change);
        RecordPublisher.shared().publish("pinfold.pin-status", event.key(), CloudEventHeaders.write(event), new EventCodec().encode(change));
    }

    private static JsonPath runTargeted(String nodeId) {
        String runId = given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"mode\":\"targeted\"}")
                .post("/gc/nodes/" + nodeId + "/runs").then().statusCode(202).extract().path("id");
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> !"running".equals(GcRuns.run(runId).getString("outcome")));
        JsonPath run = GcRuns.run(runId);
        assertThat(run.getString("outcome")).as(run.getString("error")).isEqualTo("completed");
        assertThat(run.getString("mode")).isEqualTo("targeted");
        return run;
    }

    /**
     * Pinning adds of fresh small content, back to back on a thread of its own; the longest one. With a node id, each
     * pin is then announced on pinfold.pin-status (status pinned) from another thread, as pin-service does after its pins.
     */
    private static final class PinProbe {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong longest = new AtomicLong();
        private final AtomicLong count = new AtomicLong();
        private final Thread thread;
        private final ExecutorService announcer = Executors.newSingleThreadExecutor();

        private PinProbe(KuboClient node, String nodeId) {
            thread = new Thread(() -> {
                Random random = new Random();
                while (running.get()) {
                    byte[] bytes = new byte[512];
                    random.nextBytes(bytes);
                    // One call that stores and pins (it takes the pin lock as pin add does, so it waits for GC the same
                    // way). Adding unpinned first and pinning after raced repo gc: it deleted the fresh block in
                    // between and the pin add then looked for it on the network for good (seen in a run).
                    long started = System.nanoTime();
                    String cid = node.content().add(bytes, AddOptions.defaults().withPin(true)).await().atMost(LONG).cid();
                    if (nodeId != null) {
                        announcer.execute(() -> announce(nodeId, cid, PinStatus.PINNED, PinStatus.PINNING));
                    }
                    longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    count.incrementAndGet();
                }
            }, "pin-probe");
        }

        static PinProbe start(KuboClient node, String announceOn) throws InterruptedException {
            PinProbe probe = new PinProbe(node, announceOn);
            probe.thread.start();
            Thread.sleep(3_000); // steady pin traffic before the run starts (pins announced meanwhile may be indexed ahead)
            return probe;
        }

        long stop() throws InterruptedException, IOException {
            running.set(false);
            thread.join();
            announcer.shutdown();
            announcer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            return longest.get();
        }

        long count() {
            return count.get();
        }
    }
}
