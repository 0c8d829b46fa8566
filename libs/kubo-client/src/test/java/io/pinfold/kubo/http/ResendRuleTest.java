package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResendRuleTest {

    private static final Throwable CLOSED = new HttpClosedException("Connection was closed");

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "cat", "refs", "refs/local", "pin/ls", "pin/verify", "block/stat",
            "dag/stat", "repo/stat", "name/resolve", "files/stat", "config/show", "swarm/peers",
            "add", "pin/add", "swarm/connect", "name/publish"})
    void aRepeatableCallIsResentEvenWhenKuboMayHaveReadIt(String command) {
        assertThat(ResendRule.allows(KuboRequest.command(command), CLOSED, true, true, 1)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pin/rm", "pin/update", "block/rm", "repo/gc", "key/rm", "files/write"})
    void aCallThatIsNotRepeatableIsResentOnlyWhenItWasNotWrittenInFull(String command) {
        assertThat(ResendRule.allows(KuboRequest.command(command), CLOSED, true, true, 1)).isFalse();
        assertThat(ResendRule.allows(KuboRequest.command(command), CLOSED, true, false, 1)).isTrue();
    }

    @Test
    void aFreshConnectionThatClosesIsNotRetried() {
        assertThat(ResendRule.allows(KuboRequest.command("id"), CLOSED, false, false, 1)).isFalse();
    }

    @Test
    void aRequestIsSentTwiceAtMost() {
        assertThat(ResendRule.allows(KuboRequest.command("id"), CLOSED, true, false, 2)).isFalse();
    }

    @Test
    void aStreamedUploadCannotBeSentAgain() {
        Flow.Publisher<Buffer> chunks = subscriber -> {};
        KuboRequest streamed = KuboRequest.command("add").body(UploadBody.streamed("f", chunks));
        KuboRequest inMemory = KuboRequest.command("add").body(UploadBody.of("f", new byte[] {1, 2, 3}));

        assertThat(ResendRule.allows(streamed, CLOSED, true, false, 1)).isFalse();
        assertThat(ResendRule.allows(inMemory, CLOSED, true, true, 1)).isTrue();
    }

    @Test
    void onlyALostConnectionCounts() {
        assertThat(ResendRule.isConnectionLoss(CLOSED)).isTrue();
        assertThat(ResendRule.isConnectionLoss(new ClosedChannelException())).isTrue();
        assertThat(ResendRule.isConnectionLoss(new IOException("Connection reset by peer"))).isTrue();
        assertThat(ResendRule.isConnectionLoss(new IOException("Broken pipe"))).isTrue();

        assertThat(ResendRule.isConnectionLoss(new ConnectException("Connection refused"))).isFalse();
        assertThat(ResendRule.isConnectionLoss(new TimeoutException("connect timed out"))).isFalse();
        assertThat(ResendRule.isConnectionLoss(new VertxException("Connection pool reached max wait queue size"))).isFalse();
    }
}
