package io.pinfold.kubo.http;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request lost with its connection, before any answer came back, may be sent once more.
 *
 * <p>Kubo's API server never closes an idle keep-alive connection itself (its {@code http.Server}
 * has no idle or read timeout), so a pooled connection that closes under a new request was closed
 * by something else: a proxy's idle timeout, a restart, or this client. The request is sent again,
 * once, on another connection when the connection had carried an earlier call (a fresh one that
 * closes points at a node in trouble) and the body can be sent again (in memory, not a publisher), and
 * <ul>
 *   <li>the call is {@linkplain #repeatable repeatable}: Kubo answering it twice has the same effect
 *       and the same answer as answering it once, so it does not matter whether the first copy reached Kubo; or
 *   <li>the request was not yet written in full when the connection closed, so Kubo never ran it.
 * </ul>
 */
final class ResendRule {

    static final int MAX_SENDS = 2;

    // Reads, and writes whose repeat changes nothing: add is content-addressed (same bytes, same
    // CIDs, pinning twice is a no-op), pin add and swarm connect are no-ops the second time, name
    // publish points the name at the same value again. Not here, so resent only when unsent:
    // pin/rm and pin/update (a second copy fails with "not pinned"), block/rm (answers "not found"),
    // repo/gc (the second run's answer lists nothing), and any command this table does not know.
    private static final Set<String> REPEATABLE = Set.of(
            "id", "version", "config/show", "swarm/peers", "repo/stat", "files/stat", "name/resolve",
            "cat", "refs", "refs/local", "pin/ls", "pin/verify", "block/stat", "dag/stat",
            "add", "pin/add", "swarm/connect", "name/publish");

    private ResendRule() {}

    /**
     * @param failure what ended the attempt before an answer's head arrived
     * @param reusedConnection the connection had carried an earlier call
     * @param requestWritten the whole request had been written to the connection
     * @param sends how many times the request has been sent, this attempt included
     */
    static boolean allows(KuboRequest request, Throwable failure, boolean reusedConnection, boolean requestWritten,
            int sends) {
        return sends < MAX_SENDS
                && isConnectionLoss(failure)
                && reusedConnection
                && request.body().map(body -> !body.isStreamed()).orElse(true)
                && (repeatable(request.command()) || !requestWritten);
    }

    static boolean repeatable(String command) {
        return REPEATABLE.contains(command);
    }

    /** The connection closed or was reset under the request; not a refused or timed-out connect. */
    static boolean isConnectionLoss(Throwable failure) {
        if (failure instanceof HttpClosedException || failure instanceof ClosedChannelException) {
            return true;
        }
        if (failure instanceof IOException && !(failure instanceof ConnectException)) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("connection reset") || message.contains("broken pipe") || message.contains("closed");
        }
        return false;
    }
}
