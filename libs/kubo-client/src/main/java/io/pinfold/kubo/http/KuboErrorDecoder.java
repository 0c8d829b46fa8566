package io.pinfold.kubo.http;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns what Kubo answers on failure — an error body {@code {"Message","Code","Type":"error"}},
 * the {@code X-Stream-Error} trailer of a streamed answer, or a broken connection — into typed errors.
 *
 * <p>The code (go-ipfs-cmds v0.16.1 {@code ErrorType}, the version Kubo v0.43.1 uses) decides first:
 * 0 normal, 1 client, 2 implementation, 3 rate-limited, 4 forbidden. Kubo's own commands only send
 * 0 and 1 (2–4 come from proxies, or from answers without Kubo's body, which Kubo's own Go client
 * maps from the HTTP status the same way as here). Within 0 and 1, and for the trailer, which
 * carries no code, the kind is read from Kubo's (stable) wording: not pinned, not found, invalid.
 */
final class KuboErrorDecoder {

    private static final int MAX_MESSAGE_LENGTH = 500;

    // Wording of Kubo v0.43.1 (see KuboErrorDecoderTest and the integration tests that meet each case).
    private static final List<String> NOT_PINNED = List.of("not pinned", "pinned indirectly");
    private static final List<String> NOT_FOUND = List.of(
            "not found", "does not exist", "could not resolve name", "no link named", "could not find",
            "no key by the given name");
    private static final List<String> INVALID = List.of(
            "invalid", "is required", "must start with", "wrong kind", "selected encoding not supported",
            "failed to parse", "unknown option", "illegal base", "is not a valid");

    private final URI rpcUrl;

    KuboErrorDecoder(URI rpcUrl) {
        this.rpcUrl = rpcUrl;
    }

    /** A non-200 answer. */
    KuboException fromResponse(String call, int status, Buffer body) {
        String message = null;
        int code = KuboException.NO_CODE;
        try {
            JsonNode error = JsonFields.MAPPER.readTree(body.getBytes());
            if (error != null && error.hasNonNull("Message")) {
                message = error.get("Message").asText();
                code = error.path("Code").asInt(KuboException.NO_CODE);
            }
        } catch (Exception notJson) {
            // Kubo answers some failures (auth, unknown command, wrong method) with plain text.
        }
        if (message != null && code != KuboException.NO_CODE) {
            return fromCode(call, clip(message), code, status);
        }
        if (message == null) {
            String text = body.toString().strip();
            message = text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + firstLine(text);
        }
        return fromStatus(call, clip(message), status);
    }

    private static KuboException fromCode(String call, String message, int code, int status) {
        return switch (code) {
            case KuboException.CODE_NORMAL, KuboException.CODE_CLIENT -> byWording(call, message, code);
            case KuboException.CODE_IMPLEMENTATION -> new KuboServerErrorException(call, message, code, status);
            case KuboException.CODE_RATE_LIMITED -> new KuboRateLimitedException(call, message, code);
            case KuboException.CODE_FORBIDDEN -> new KuboAccessDeniedException(call, message, code, status);
            // A code newer than this client: keep it, and Kubo's message, as a plain command failure.
            default -> new KuboCommandException(call, message, code);
        };
    }

    /** No Kubo error body: the HTTP status is all there is, read as Kubo's own Go client reads it. */
    private static KuboException fromStatus(String call, String message, int status) {
        int code = KuboException.NO_CODE;
        if (status == 401 || status == 403) {
            return new KuboAccessDeniedException(call, message, status);
        }
        if (status == 429) {
            return new KuboRateLimitedException(call, message, code);
        }
        if (status == 404) {
            // No JSON body: the command itself is unknown to this Kubo version.
            return new KuboInvalidRequestException(call, "unknown RPC command (" + message + ")", code);
        }
        if (status >= 400 && status < 500) {
            // Plain-text 400 (or 405): Kubo's argument parsing refused the request before running the command.
            return new KuboInvalidRequestException(call, message, code);
        }
        if (status >= 500) {
            // Kubo's own failures carry its JSON body; a bare 5xx is a proxy (502/503/504) or a node in trouble.
            return new KuboServerErrorException(call, message, code, status);
        }
        return byWording(call, message, code);
    }

    /** The {@code X-Stream-Error} trailer: Kubo failed after it had started answering. */
    KuboException fromStreamError(String call, String message) {
        return byWording(call, clip(message), KuboException.NO_CODE);
    }

    /** A failure below HTTP: no connection, a connection cut, a transport-level timeout. */
    KuboException fromTransport(String call, Throwable failure, Duration timeout) {
        if (failure instanceof KuboException kubo) {
            return kubo;
        }
        if (failure instanceof TimeoutException) {
            return new KuboTimeoutException(call, timeout);
        }
        if (failure instanceof ConnectException || hasCause(failure, ConnectException.class)) {
            return new KuboUnreachableException(call, "cannot connect to " + rpcUrl + ": " + failure.getMessage(), failure);
        }
        if (failure instanceof HttpClosedException || failure instanceof VertxException
                && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("closed")) {
            return new KuboUnreachableException(
                    call, "connection to " + rpcUrl + " closed before the answer was complete", failure);
        }
        return new KuboUnreachableException(call, "request to " + rpcUrl + " failed: " + failure, failure);
    }

    private static KuboException byWording(String call, String message, int code) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (containsAny(lower, NOT_PINNED)) {
            return new KuboNotPinnedException(call, message, code);
        }
        if (containsAny(lower, NOT_FOUND)) {
            return new KuboNotFoundException(call, message, code);
        }
        if (code == KuboException.CODE_CLIENT || containsAny(lower, INVALID)) {
            return new KuboInvalidRequestException(call, message, code);
        }
        return new KuboCommandException(call, message, code);
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
