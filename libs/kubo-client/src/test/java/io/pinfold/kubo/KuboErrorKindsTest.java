package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.error.KuboCommandException;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotFoundException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of error a real Kubo v0.43.1 answers on demand, with its code, its type and whether a
 * retry could help. Kubo's own commands only send code 0 (normal) and 1 (client); codes 2–4 are
 * covered by {@code KuboErrorDecoderTest}. Commands the client has no call for are sent through its
 * transport, so the answers still go through the same decoding.
 */
class KuboErrorKindsTest {

    private static KuboTransport raw;
    private final KuboClient kubo = LiveKubo.first();

    @BeforeAll
    static void openRawTransport() {
        KuboClientOptions node = KuboClientOptions.of(LiveKubo.node1().rpcUrl());
        raw = new KuboTransport(LiveKubo.vertx(), node.rpcUrl(), node.baseUrl(), Duration.ofSeconds(5), 2, Optional.empty());
    }

    @AfterAll
    static void closeRawTransport() {
        raw.close();
    }

    @Test
    void codeOneFromKuboIsAPermanentInvalidRequest() {
        KuboException error = failure(raw.call(KuboRequest.command("ls").arg("bafkqaaa")
                .option("stream", true).option("sort-size", true), WAIT));

        assertThat(error).isInstanceOf(KuboInvalidRequestException.class)
                .hasMessage("kubo ls: cannot use --sort-size with --stream");
        assertThat(error.code()).isEqualTo(KuboException.CODE_CLIENT);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroForAPinThatIsNotThereIsAPermanentNotPinned() {
        String unpinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(60), false);

        KuboException error = failure(kubo.pin().rm(unpinned, true));

        assertThat(error).isInstanceOf(KuboNotPinnedException.class);
        assertThat(error.code()).isEqualTo(KuboException.CODE_NORMAL);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroForABlockThatIsNotThereIsAPermanentNotFound() {
        String missing = LiveKubo.unavailableCid();

        KuboException error = failure(raw.call(KuboRequest.command("block/stat").arg(missing).option("offline", true), WAIT));

        assertThat(error.getClass()).isEqualTo(KuboNotFoundException.class);
        assertThat(error.kuboMessage()).startsWith("block was not found locally (offline)");
        assertThat(error.code()).isEqualTo(KuboException.CODE_NORMAL);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroForAMalformedPathIsAPermanentInvalidRequest() {
        KuboException error = failure(kubo.block().stat("not-a-cid"));

        assertThat(error).isInstanceOf(KuboInvalidRequestException.class);
        assertThat(error.code()).isEqualTo(KuboException.CODE_NORMAL);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroWithNoNarrowerKindIsAPermanentCommandFailure() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(60), true);

        KuboException error = failure(kubo.pin().rm(cid, false));

        assertThat(error).isInstanceOf(KuboCommandException.class).hasMessage("kubo pin/rm: " + cid + " is pinned recursively");
        assertThat(error.code()).isEqualTo(KuboException.CODE_NORMAL);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void kubosPlainTextRefusalsAreInvalidRequestsWithoutACode() {
        KuboException missingArgument = failure(raw.call(KuboRequest.command("pin/rm"), WAIT));
        assertThat(missingArgument).isInstanceOf(KuboInvalidRequestException.class)
                .hasMessage("kubo pin/rm: HTTP 400: argument \"ipfs-path\" is required");
        assertThat(missingArgument.code()).isEqualTo(KuboException.NO_CODE);
        assertThat(missingArgument.isTransient()).isFalse();

        KuboException unknown = failure(raw.call(KuboRequest.command("no/such/command"), WAIT));
        assertThat(unknown).isInstanceOf(KuboInvalidRequestException.class).hasMessageContaining("unknown RPC command");
        assertThat(unknown.isTransient()).isFalse();
    }

    private static KuboException failure(Uni<?> call) {
        Throwable failure = call.map(answer -> (Throwable) new AssertionError("expected a failure, got " + answer))
                .onFailure().recoverWithItem(error -> error)
                .await().atMost(WAIT);
        assertThat(failure).isInstanceOf(KuboException.class);
        return (KuboException) failure;
    }
}
