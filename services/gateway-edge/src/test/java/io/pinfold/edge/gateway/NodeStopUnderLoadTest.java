package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pinfold.events.EventEnvelope;
import io.pinfold.events.PinfoldSource;
import io.pinfold.events.kafka.CloudEventHeaders;
import io.pinfold.events.kafka.EventCodec;
import io.pinfold.events.node.NodeRegistered;
import io.pinfold.events.node.NodeState;
import io.pinfold.testsupport.kafka.RecordPublisher;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.StoppableKuboNodes;
import io.pinfold.testsupport.quarkus.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Kubo nodes of the test's own hold the same content; concurrent clients fetch it through the edge; one node is
 * stopped mid-way. Only requests in flight while the node stopped may fail (a body cut after bytes reached the
 * client); every request sent after it stopped succeeds, served by the other node (a refused or dropped connection
 * before the first byte is retried there).
 */
@QuarkusTest
@WithTestResource(OwnKafkaTestResource.class)
class NodeStopUnderLoadTest {
    private static final int CLIENTS = 8;
    private static final Duration BEFORE_STOP = Duration.ofSeconds(4);
    private static final Duration AFTER_STOP = Duration.ofSeconds(8);
    private static final EventCodec CODEC = new EventCodec();
    private static StoppableKuboNodes kubo;
    private static final List<String> registeredIds = new ArrayList<>();

    @TestHTTPResource("/")
    URL main;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    MeterRegistry registry;

    record Outcome(long startNanos, long endNanos, int status, int bytes, String failure) {
        boolean ok() {
            return failure == null && status == 200;
        }
    }

    @AfterAll
    static void stopNodes() {
        // Out of the pool again: IpnsBlockingTest shares this application and its broker.
        RecordPublisher publisher = new RecordPublisher(OwnKafkaTestResource.bootstrap);
        registeredIds.forEach(id -> publisher.publish("pinfold.nodes", id, List.of(), null));
        if (kubo != null) {
            kubo.close();
        }
    }

    @Test
    void stoppingOneNodeMidLoadFailsNoRequestBeyondThoseInFlight() throws Exception {
        kubo = StoppableKuboNodes.start(2);
        byte[] content = new byte[300 * 1024];
        new Random(42).nextBytes(content);
        String cid = null;
        for (KuboNode node : kubo.nodes().all()) {
            String added = KuboContent.addDirectory(node, Map.of("load.bin", content)).get("load.bin");
            assertThat(cid == null || cid.equals(added)).as("same CID on every node").isTrue();
            cid = added;
        }
        RecordPublisher publisher = new RecordPublisher(OwnKafkaTestResource.bootstrap);
        List<String> ids = new ArrayList<>();
        for (KuboNode node : kubo.nodes().all()) {
            NodeRegistered registered = new NodeRegistered("load-" + node.name(), node.peerId(), node.rpc(), node.gateway(), List.of(),
                    "0.43.1", NodeState.ACTIVE);
            EventEnvelope<NodeRegistered> event = EventEnvelope.create(PinfoldSource.PIN_SERVICE, registered);
            publisher.publish("pinfold.nodes", event.key(), CloudEventHeaders.write(event), CODEC.encode(registered));
            ids.add(registered.nodeId());
            registeredIds.add(registered.nodeId());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ManagementPort.given(management).get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ManagementPort.given(management).get("/edge/pool").then()
                .body("findAll { it.state == 'active' }.size()", org.hamcrest.Matchers.is(2)));

        String url = "http://" + main.getHost() + ":" + main.getPort() + "/ipfs/" + cid;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.execute(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        boolean whole = Arrays.equals(response.body(), content);
                        outcomes.add(new Outcome(start, System.nanoTime(), response.statusCode(), response.body().length,
                                response.statusCode() == 200 && !whole ? "incomplete body" : null));
                    } catch (Exception e) {
                        outcomes.add(new Outcome(start, System.nanoTime(), 0, 0, e.toString()));
                    }
                }
            });
        }
        Thread.sleep(BEFORE_STOP.toMillis());
        double[] servedBefore = served(ids);
        long stopStart = System.nanoTime();
        kubo.stop(1);
        long stopEnd = System.nanoTime();
        double[] servedAtStop = served(ids);
        Thread.sleep(AFTER_STOP.toMillis());
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        double[] servedAfter = served(ids);

        List<Outcome> all = new ArrayList<>(outcomes);
        List<Outcome> failed = all.stream().filter(outcome -> !outcome.ok()).toList();
        List<Outcome> inFlight = failed.stream().filter(outcome -> outcome.startNanos() <= stopEnd && outcome.endNanos() >= stopStart).toList();
        List<Outcome> sentAfter = all.stream().filter(outcome -> outcome.startNanos() > stopEnd).toList();
        System.err.printf("node stop under load: %d requests, %d failed (%d of them in flight at the stop, %.1f s), %d sent after the stop; "
                        + "served by %s before the stop %s, after it %s%n", all.size(), failed.size(), inFlight.size(),
                (stopEnd - stopStart) / 1e9, sentAfter.size(), ids, Arrays.toString(servedBefore), Arrays.toString(delta(servedAfter, servedAtStop)));

        assertThat(servedBefore[0]).as("the node to stop served before it stopped").isPositive();
        assertThat(servedBefore[1]).as("the other node served before the stop").isPositive();
        assertThat(failed).as("failed requests that were not in flight while the node stopped").isEqualTo(inFlight);
        assertThat(inFlight.size()).as("at most the requests in flight can fail").isLessThanOrEqualTo(CLIENTS);
        assertThat(sentAfter).as("requests sent after the stop").hasSizeGreaterThan(20).allMatch(Outcome::ok);
        assertThat(delta(servedAfter, servedAtStop)[0]).as("the stopped node serves nothing after the stop").isZero();
        assertThat(delta(servedAfter, servedAtStop)[1]).as("the other node took the traffic").isGreaterThanOrEqualTo(sentAfter.size() - CLIENTS);
    }

    /** 200 answers per node, from the edge's upstream latency timer. */
    private double[] served(List<String> ids) {
        double[] counts = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Timer timer = registry.find("pinfold.edge.upstream.latency").tag("node", ids.get(i)).tag("outcome", "200").timer();
            counts[i] = timer == null ? 0 : timer.count();
        }
        return counts;
    }

    private static double[] delta(double[] after, double[] before) {
        double[] delta = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            delta[i] = after[i] - before[i];
        }
        return delta;
    }
}
