package io.pinfold.kubo.http;

import io.vertx.core.http.HttpConnection;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The pooled connections that have already carried a call. When one of them closes under a new
 * request it is likely a stale keep-alive connection, which {@link ResendRule} may retry; a fresh
 * connection that closes is not.
 */
final class ServedConnections {

    // Weak: a closed connection leaves the pool and is forgotten here once collected.
    private final Set<HttpConnection> served = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** Records a call on {@code connection}; true when an earlier call had already used it. */
    boolean reuse(HttpConnection connection) {
        return !served.add(connection);
    }
}
