package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.error.KuboAccessDeniedException;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotFoundException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.error.KuboTimeoutException;
import io.pinfold.kubo.error.KuboUnreachableException;
import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Kubo's error wording, as v0.43.1 sends it, mapped to the error types. */
class KuboErrorDecoderTest {

    private final KuboErrorDecoder decoder = new KuboErrorDecoder(URI.create("http://127.0.0.1:15002"));

    private KuboException fromBody(int status, String body) {
        return decoder.fromResponse("pin/rm", status, Buffer.buffer(body));
    }

    @Test
    void notPinnedIsItsOwnType() {
        KuboException error = fromBody(500, "{\"Message\":\"not pinned or pinned indirectly\",\"Code\":0,\"Type\":\"error\"}\n");
        assertThat(error).isInstanceOf(KuboNotPinnedException.class)
                .hasMessage("kubo pin/rm: not pinned or pinned indirectly");
        assertThat(error.code()).isZero();
        assertThat(error.call()).isEqualTo("pin/rm");
    }

    @Test
    void aClientCodeIsAnInvalidRequest() {
        KuboException error = fromBody(400, "{\"Message\":\"argument \\\"key\\\" is required\",\"Code\":1,\"Type\":\"error\"}");
        assertThat(error).isInstanceOf(KuboInvalidRequestException.class);
        assertThat(error.code()).isEqualTo(1);
    }

    @Test
    void plainTextForbiddenIsAccessDenied() {
        KuboException error = fromBody(403, "403 - Forbidden\n");
        assertThat(error).isInstanceOf(KuboAccessDeniedException.class).hasMessageContaining("HTTP 403");
        assertThat(((KuboAccessDeniedException) error).httpStatus()).isEqualTo(403);
    }

    @Test
    void anUnknownCommandIsAnInvalidRequest() {
        KuboException error = fromBody(404, "404 page not found\n");
        assertThat(error).isInstanceOf(KuboInvalidRequestException.class).hasMessageContaining("unknown RPC command");
    }

    @Test
    void anOtherErrorKeepsKubosMessageAndCode() {
        KuboException error = fromBody(500, "{\"Message\":\"repo is locked\",\"Code\":2,\"Type\":\"error\"}");
        assertThat(error.getClass()).isEqualTo(KuboException.class);
        assertThat(error.kuboMessage()).isEqualTo("repo is locked");
        assertThat(error.code()).isEqualTo(2);
    }

    @Test
    void aStreamErrorTrailerIsDecodedLikeABody() {
        KuboException error = decoder.fromStreamError("files/stat", "file does not exist");
        assertThat(error).isInstanceOf(KuboNotFoundException.class).hasMessage("kubo files/stat: file does not exist");
    }

    @Test
    void transportFailuresNameTheNode() {
        assertThat(decoder.fromTransport("id", new ConnectException("Connection refused"), Duration.ofSeconds(1)))
                .isInstanceOf(KuboUnreachableException.class)
                .hasMessageContaining("kubo id: cannot connect to http://127.0.0.1:15002");
        assertThat(decoder.fromTransport("id", new TimeoutException("idle"), Duration.ofMillis(250)))
                .isInstanceOf(KuboTimeoutException.class)
                .hasMessage("kubo id: no answer within 250 ms (request aborted)");
    }
}
