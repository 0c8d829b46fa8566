package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.KuboClientOptions;
import io.pinfold.kubo.error.KuboIdleTimeoutException;
import io.pinfold.kubo.http.ScriptedHttpServer.Answer;
import io.pinfold.kubo.http.ScriptedHttpServer.Stream;
import io.pinfold.kubo.pin.PinAddOptions;
import io.pinfold.kubo.pin.PinProgress;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mechanics of the stream idle timeout against a scripted loopback server that sends an answer's
 * head and then exactly the lines, gaps and stalls a test needs. {@code StreamStallTest} trips the
 * same timeout on real Kubo.
 */
class StreamIdleTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final Answer UNUSED = new Answer(500, "{\"Message\":\"no script\",\"Code\":0,\"Type\":\"error\"}");
    private static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    private static Vertx vertx;

    @BeforeAll
    static void startVertxAndWarmUp() throws Exception {
        vertx = Vertx.vertx();
        // A cold JVM can hold the event loop for a second loading the classes of a first stream, which
        // would eat the short idle timeouts below; one whole stream first takes that out of the measure.
        List<String> lines = List.of("{\"Progress\":1,\"Bytes\":1}", "{\"Pins\":[\"" + CID + "\"]}");
        try (ScriptedHttpServer server = serving(new Stream(lines, Duration.ZERO, false)); KuboClient kubo = client(server)) {
            kubo.pin().addWithProgress(CID, PinAddOptions.recursivePin()).collect().asList().await().atMost(WAIT);
        }
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aStreamThatStallsAfterItBeganFailsWithTheIdleTimeoutAndDropsItsConnection() throws Exception {
        try (ScriptedHttpServer server = serving(new Stream(List.of("{\"Ref\":\"a\"}"), Duration.ZERO, true));
                KuboTransport transport = transport(server)) {
            long started = System.nanoTime();
            AssertSubscriber<String> subscriber = refs(transport, new CallLimits(WAIT, IDLE));

            subscriber.awaitFailure(WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(IDLE);
            assertThat(subscriber.getItems()).containsExactly("a");
            assertThat(subscriber.getFailure())
                    .isInstanceOf(KuboIdleTimeoutException.class)
                    .hasMessage("kubo refs: no progress for 500 ms after the answer began (request aborted)");
            KuboIdleTimeoutException idle = (KuboIdleTimeoutException) subscriber.getFailure();
            assertThat(idle.timeout()).isEqualTo(IDLE);
            assertThat(idle.call()).isEqualTo("refs");
            assertThat(idle.isTransient()).isTrue();
            awaitClosedByClient(server);
        }
    }

    @Test
    void aStreamThatKeepsProgressingRunsPastItsIdleTimeoutAndItsDeadline() throws Exception {
        List<String> lines = IntStream.range(0, 8).mapToObj(i -> "{\"Ref\":\"r" + i + "\"}").toList();
        try (ScriptedHttpServer server = serving(new Stream(lines, Duration.ofMillis(200), false));
                KuboTransport transport = transport(server)) {
            // 8 lines 200 ms apart take 1.4 s: longer than both the deadline and the idle timeout (1 s
            // here, so that a cold JVM's first decoding does not eat the margin)
            Duration idle = Duration.ofSeconds(1);
            AssertSubscriber<String> subscriber = refs(transport, new CallLimits(idle, idle));

            subscriber.awaitCompletion(WAIT);

            assertThat(subscriber.getItems()).hasSize(8).startsWith("r0").endsWith("r7");
        }
    }

    @Test
    void aSubscriberTooSlowToReadIsNotTakenForAStalledNode() throws Exception {
        List<String> lines = IntStream.range(0, 2000).mapToObj(i -> "{\"Ref\":\"r" + i + "\"}").toList();
        try (ScriptedHttpServer server = serving(new Stream(lines, Duration.ZERO, false));
                KuboTransport transport = transport(server)) {
            AssertSubscriber<String> subscriber = transport
                    .streamJson(KuboRequest.command("refs").arg(CID), new CallLimits(WAIT, Duration.ofMillis(300)),
                            json -> json.path("Ref").asText())
                    .subscribe().withSubscriber(AssertSubscriber.create(1));
            subscriber.awaitItems(1, WAIT);

            // The subscriber asks for nothing more for four idle timeouts: the client pauses reading,
            // and the silence that follows is its own, not the node's.
            Thread.sleep(1200);
            subscriber.assertNotTerminated();
            subscriber.request(Long.MAX_VALUE);

            subscriber.awaitCompletion(WAIT);
            assertThat(subscriber.getItems()).hasSize(2000);
        }
    }

    @Test
    void pinProgressLinesThatReportNothingNewDoNotCountAsProgress() throws Exception {
        List<String> lines = new ArrayList<>(Collections.nCopies(30, "{}")); // what Kubo sends while it finds nothing
        lines.add("{\"Pins\":[\"" + CID + "\"]}");
        try (ScriptedHttpServer server = serving(new Stream(lines, Duration.ofMillis(100), false));
                KuboClient kubo = client(server)) {
            // 1 s: well below the 3 s the 31 lines take
            AssertSubscriber<PinProgress> subscriber = kubo.withStreamIdleTimeout(Duration.ofSeconds(1)).pin()
                    .addWithProgress(CID, PinAddOptions.recursivePin())
                    .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

            subscriber.awaitFailure(WAIT);

            // Lines kept coming (Kubo's "{}"), yet the pin failed long before its 31st and last line.
            assertThat(subscriber.getItems()).isNotEmpty().hasSizeLessThan(31).allMatch(step -> step.blocks() == 0);
            assertThat(subscriber.getFailure()).isInstanceOf(KuboIdleTimeoutException.class)
                    .hasMessage("kubo pin/add: no progress for 1000 ms after the answer began (request aborted)");
        }
    }

    @Test
    void pinProgressLinesWithMoreBlocksEachTimeKeepThePinGoing() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add("{\"Progress\":" + i + ",\"Bytes\":" + i * 262144 + "}");
        }
        lines.add("{\"Pins\":[\"" + CID + "\"]}");
        try (ScriptedHttpServer server = serving(new Stream(lines, Duration.ofMillis(100), false));
                KuboClient kubo = client(server)) {
            AssertSubscriber<PinProgress> subscriber = kubo.withStreamIdleTimeout(Duration.ofSeconds(1)).pin()
                    .addWithProgress(CID, PinAddOptions.recursivePin())
                    .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

            subscriber.awaitCompletion(WAIT);

            assertThat(subscriber.getItems()).hasSize(21);
            assertThat(subscriber.getLastItem().pinned()).containsExactly(CID);
        }
    }

    private static AssertSubscriber<String> refs(KuboTransport transport, CallLimits limits) {
        return transport.streamJson(KuboRequest.command("refs").arg(CID), limits, json -> json.path("Ref").asText())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    private static void awaitClosedByClient(ScriptedHttpServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.closedByClient().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client never closed the stalled connection");
            }
            Thread.sleep(20);
        }
        assertThat(server.closedByClient()).containsExactly(0);
    }

    private static ScriptedHttpServer serving(Stream stream) throws Exception {
        return new ScriptedHttpServer(UNUSED, List.of(List.of(stream)));
    }

    private static KuboTransport transport(ScriptedHttpServer server) {
        return new KuboTransport(vertx, URI.create(server.url()), server.url(), Duration.ofSeconds(5), 4, Optional.empty());
    }

    private static KuboClient client(ScriptedHttpServer server) {
        return KuboClient.create(vertx, KuboClientOptions.of(server.url()));
    }
}
