package io.pinfold.kubo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.error.KuboAccessDeniedException;
import io.pinfold.kubo.error.KuboCommandException;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotFoundException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.error.KuboRateLimitedException;
import io.pinfold.kubo.error.KuboServerErrorException;
import io.pinfold.kubo.error.KuboTimeoutException;
import io.pinfold.kubo.error.KuboUnreachableException;
import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Kubo's error answers, byte for byte as v0.43.1 (go-ipfs-cmds v0.16.1) sends them, mapped to the
 * error types. Codes 2–4 and HTTP 429/502 are never sent by Kubo's own commands, so only this test
 * meets them; {@code KuboErrorKindsTest} meets the others on a real node.
 */
class KuboErrorDecoderTest {

    private final KuboErrorDecoder decoder = new KuboErrorDecoder(URI.create("http://127.0.0.1:15002"));

    private KuboException fromBody(int status, String body) {
        return decoder.fromResponse("pin/rm", status, Buffer.buffer(body));
    }

    /** go-ipfs-cmds' Error.MarshalJSON, plus the newline of its JSON encoder. */
    private static String kuboError(String message, int code) {
        return "{\"Message\":\"" + message + "\",\"Code\":" + code + ",\"Type\":\"error\"}\n";
    }

    @Test
    void codeZeroNotPinnedIsItsOwnPermanentType() {
        KuboException error = fromBody(500, kuboError("not pinned or pinned indirectly", 0));
        assertThat(error).isInstanceOf(KuboNotPinnedException.class)
                .hasMessage("kubo pin/rm: not pinned or pinned indirectly");
        assertThat(error.code()).isZero();
        assertThat(error.call()).isEqualTo("pin/rm");
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroNotFoundIsNotFound() {
        KuboException error = fromBody(500, kuboError("block was not found locally (offline): ipld: could not find bafk", 0));
        assertThat(error.getClass()).isEqualTo(KuboNotFoundException.class);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeZeroWithOtherWordingIsAPermanentCommandFailure() {
        KuboException error = fromBody(500, kuboError("bafk is pinned recursively", 0));
        assertThat(error).isInstanceOf(KuboCommandException.class);
        assertThat(error.kuboMessage()).isEqualTo("bafk is pinned recursively");
        assertThat(error.code()).isZero();
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeOneIsAPermanentInvalidRequest() {
        KuboException error = fromBody(400, kuboError("cannot use --sort-size with --stream", 1));
        assertThat(error).isInstanceOf(KuboInvalidRequestException.class);
        assertThat(error.code()).isEqualTo(1);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void codeTwoIsATransientServerError() {
        KuboException error = fromBody(500, kuboError("unknown ipfs-shell error encoding", 2));
        assertThat(error).isInstanceOf(KuboServerErrorException.class);
        assertThat(error.code()).isEqualTo(2);
        assertThat(((KuboServerErrorException) error).httpStatus()).isEqualTo(500);
        assertThat(error.isTransient()).isTrue();
    }

    @Test
    void codeThreeIsATransientRateLimit() {
        KuboException error = fromBody(500, kuboError("rate limited", 3));
        assertThat(error).isInstanceOf(KuboRateLimitedException.class);
        assertThat(error.code()).isEqualTo(3);
        assertThat(error.isTransient()).isTrue();
    }

    @Test
    void codeFourIsAPermanentAccessDenial() {
        KuboException error = fromBody(500, kuboError("request forbidden", 4));
        assertThat(error).isInstanceOf(KuboAccessDeniedException.class);
        assertThat(error.code()).isEqualTo(4);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void aCodeThisClientDoesNotKnowIsKeptOnAPermanentCommandFailure() {
        KuboException error = fromBody(500, kuboError("content blocked", 5));
        assertThat(error).isInstanceOf(KuboCommandException.class).hasMessage("kubo pin/rm: content blocked");
        assertThat(error.code()).isEqualTo(5);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void kubosPlainTextRefusalOfTheCredentialsIsAccessDenied() {
        KuboException error = fromBody(403, "Kubo RPC Access Denied: Please provide a valid authorization token as defined in "
                + "the API.Authorizations configuration.\n");
        assertThat(error).isInstanceOf(KuboAccessDeniedException.class).hasMessageContaining("HTTP 403: Kubo RPC Access Denied");
        assertThat(((KuboAccessDeniedException) error).httpStatus()).isEqualTo(403);
        assertThat(error.isTransient()).isFalse();
        assertThat(fromBody(403, "403 - Forbidden\n")).isInstanceOf(KuboAccessDeniedException.class);
    }

    @Test
    void aPlainTooManyRequestsIsATransientRateLimit() {
        KuboException error = fromBody(429, "Too Many Requests\n");
        assertThat(error).isInstanceOf(KuboRateLimitedException.class).hasMessageContaining("HTTP 429");
        assertThat(error.isTransient()).isTrue();
    }

    @Test
    void aProxysBareGatewayErrorIsATransientServerError() {
        KuboException error = fromBody(502, "<html><body>502 Bad Gateway</body></html>");
        assertThat(error).isInstanceOf(KuboServerErrorException.class).hasMessageContaining("HTTP 502");
        assertThat(((KuboServerErrorException) error).httpStatus()).isEqualTo(502);
        assertThat(error.isTransient()).isTrue();
    }

    @Test
    void plainTextBadRequestAndUnknownCommandAreInvalidRequests() {
        assertThat(fromBody(400, "argument \"ipfs-path\" is required\n"))
                .isInstanceOf(KuboInvalidRequestException.class).hasMessageContaining("is required");
        assertThat(fromBody(404, "404 page not found\n"))
                .isInstanceOf(KuboInvalidRequestException.class).hasMessageContaining("unknown RPC command");
    }

    @Test
    void aStreamErrorTrailerHasNoCodeAndIsDecodedByItsWording() {
        KuboException error = decoder.fromStreamError("files/stat", "file does not exist");
        assertThat(error).isInstanceOf(KuboNotFoundException.class).hasMessage("kubo files/stat: file does not exist");
        assertThat(error.code()).isEqualTo(KuboException.NO_CODE);
        assertThat(decoder.fromStreamError("repo/gc", "encountered errors during gc run"))
                .isInstanceOf(KuboCommandException.class);
    }

    @Test
    void transportFailuresNameTheNodeAndAreTransient() {
        KuboException refused = decoder.fromTransport("id", new ConnectException("Connection refused"), Duration.ofSeconds(1));
        assertThat(refused).isInstanceOf(KuboUnreachableException.class)
                .hasMessageContaining("kubo id: cannot connect to http://127.0.0.1:15002");
        assertThat(refused.isTransient()).isTrue();
        KuboException late = decoder.fromTransport("id", new TimeoutException("idle"), Duration.ofMillis(250));
        assertThat(late).isInstanceOf(KuboTimeoutException.class)
                .hasMessage("kubo id: no answer within 250 ms (request aborted)");
        assertThat(late.isTransient()).isTrue();
    }
}
