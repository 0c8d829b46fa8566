package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.KuboClientOptions;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.error.KuboUnreachableException;
import io.pinfold.kubo.http.ScriptedHttpServer.Answer;
import io.pinfold.kubo.http.ScriptedHttpServer.CloseWithoutAnswer;
import io.pinfold.kubo.http.ScriptedHttpServer.Received;
import io.pinfold.kubo.node.IdInfo;
import io.pinfold.kubo.pin.PinLsOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the client treats its pooled keep-alive connections when one closes under a call, or after an
 * error answer. Unit tests against a scripted loopback server, since a real Kubo never closes an idle
 * connection on its own; {@code ConnectionReuseTest} covers the same ground against real Kubo.
 */
class PooledConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Answer ID = new Answer(200, "{\"ID\":\"12D3KooWScripted\",\"AgentVersion\":\"kubo/0.43.1/\"}");
    private static final Answer NOT_PINNED =
            new Answer(500, "{\"Message\":\"not pinned or pinned indirectly\",\"Code\":0,\"Type\":\"error\"}");
    private static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aRepeatableCallLostOnAReusedConnectionIsSentOnceMoreOnAnother() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(ID, new CloseWithoutAnswer())));
                KuboClient kubo = client(server)) {
            kubo.id().await().atMost(WAIT);

            assertThat(kubo.id().await().atMost(WAIT).peerId()).isEqualTo("12D3KooWScripted");

            assertThat(server.received()).extracting(Received::connection).containsExactly(0, 0, 1);
            assertThat(server.commands()).containsExactly("id", "id", "id");
        }
    }

    @Test
    void aCallThatIsNotRepeatableIsNotSentAgainOnceWrittenInFull() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(ID, new CloseWithoutAnswer())));
                KuboClient kubo = client(server)) {
            kubo.id().await().atMost(WAIT);

            assertThatThrownBy(() -> kubo.pin().rm(CID, true).await().atMost(WAIT))
                    .isInstanceOf(KuboUnreachableException.class)
                    .hasMessage("kubo pin/rm: connection to " + server.url() + " closed before the answer was complete");

            assertThat(server.commands()).containsExactly("id", "pin/rm");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aFreshConnectionThatClosesIsNotRetried() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(new CloseWithoutAnswer())));
                KuboClient kubo = client(server)) {
            assertThatThrownBy(() -> kubo.id().await().atMost(WAIT))
                    .isInstanceOf(KuboUnreachableException.class)
                    .hasMessage("kubo id: connection to " + server.url() + " closed before the answer was complete");

            assertThat(server.commands()).containsExactly("id");
        }
    }

    @Test
    void anErrorAnswerLeavesItsConnectionOpenForTheNextCall() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(NOT_PINNED, ID)));
                KuboClient kubo = client(server)) {
            assertThatThrownBy(() -> kubo.pin().rm(CID, true).await().atMost(WAIT))
                    .isInstanceOf(KuboNotPinnedException.class);

            kubo.id().await().atMost(WAIT);

            assertThat(server.received()).extracting(Received::connection).containsExactly(0, 0);
        }
    }

    @Test
    void aStreamedCallNeverLeavesItsConnectionInThePool() throws Exception {
        Answer onePin = new Answer(200, "{\"Cid\":\"" + CID + "\",\"Type\":\"recursive\"}\n");
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(onePin)));
                KuboClient kubo = client(server)) {
            assertThat(kubo.pin().ls(PinLsOptions.all()).collect().asList().await().atMost(WAIT)).hasSize(1);

            kubo.id().await().atMost(WAIT);

            assertThat(server.received().get(0).headers()).contains("connection: close");
            assertThat(server.received()).extracting(Received::connection).containsExactly(0, 1);
        }
    }

    @Test
    void aCallWaitingForABusyPoolIsBoundByItsDeadlineNotByTheConnectTimeout() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(ID, List.of(List.of(ID.after(Duration.ofMillis(1500)))));
                KuboClient kubo = KuboClient.create(vertx, KuboClientOptions.of(server.url()).withMaxConnections(1)
                        .withConnectTimeout(Duration.ofMillis(300)))) {
            Uni<IdInfo> slow = kubo.id().memoize().indefinitely();
            slow.subscribe().with(ignored -> {}, ignored -> {});

            assertThat(kubo.id().await().atMost(WAIT).peerId()).isEqualTo("12D3KooWScripted");
            assertThat(slow.await().atMost(WAIT).peerId()).isEqualTo("12D3KooWScripted");
            assertThat(server.received()).extracting(Received::connection).containsExactly(0, 0);
        }
    }

    private static KuboClient client(ScriptedHttpServer server) {
        return KuboClient.create(vertx, KuboClientOptions.of(server.url()).withMaxConnections(1));
    }
}
