package io.pinfold.kubo;

import io.pinfold.kubo.http.CallLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Kubo node's RPC API is and how to talk to it.
 *
 * @param rpcUrl base URL of the RPC API, e.g. {@code http://127.0.0.1:15002} (no {@code /api/v0})
 * @param timeout default deadline of a call: the whole answer for single-answer calls, the first
 *     answer for streamed calls (a listing of a million pins may then run as long as it needs)
 * @param streamIdleTimeout how long a streamed answer, once begun, may go without progress before
 *     it is aborted with {@link io.pinfold.kubo.error.KuboIdleTimeoutException}
 * @param connectTimeout how long to wait for the TCP connection
 * @param maxConnections connections kept to this node at most
 * @param authorization value of the {@code Authorization} header, when the node has API.Authorizations
 */
public record KuboClientOptions(
        URI rpcUrl, Duration timeout, Duration streamIdleTimeout, Duration connectTimeout, int maxConnections,
        Optional<String> authorization) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Twice Kubo's own no-new-bytes limit for gateway retrievals ({@code Gateway.RetrievalTimeout}, 30 s
     * in v0.43.1): a pin fetched in the background may wait longer for a slow provider than a visitor,
     * yet a minute without one new block means the fetch is stuck.
     */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    public KuboClientOptions {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(authorization, "authorization");
        String scheme = rpcUrl.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || rpcUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "kubo rpcUrl: expected http://host:port or https://host:port, got '" + rpcUrl + "'");
        }
        requirePositive("timeout", timeout);
        requirePositive("streamIdleTimeout", streamIdleTimeout);
        requirePositive("connectTimeout", connectTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("kubo maxConnections: must be at least 1, got " + maxConnections);
        }
    }

    /** Options with defaults for the node at {@code rpcUrl}; throws IllegalArgumentException naming the bad part. */
    public static KuboClientOptions of(String rpcUrl) {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        URI uri;
        try {
            uri = URI.create(rpcUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kubo rpcUrl: not a URL: '" + rpcUrl + "'", e);
        }
        return of(uri);
    }

    public static KuboClientOptions of(URI rpcUrl) {
        return new KuboClientOptions(rpcUrl, DEFAULT_TIMEOUT, DEFAULT_STREAM_IDLE_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS, Optional.empty());
    }

    public KuboClientOptions withTimeout(Duration timeout) {
        return new KuboClientOptions(rpcUrl, timeout, streamIdleTimeout, connectTimeout, maxConnections, authorization);
    }

    public KuboClientOptions withStreamIdleTimeout(Duration streamIdleTimeout) {
        return new KuboClientOptions(rpcUrl, timeout, streamIdleTimeout, connectTimeout, maxConnections, authorization);
    }

    public KuboClientOptions withConnectTimeout(Duration connectTimeout) {
        return new KuboClientOptions(rpcUrl, timeout, streamIdleTimeout, connectTimeout, maxConnections, authorization);
    }

    public KuboClientOptions withMaxConnections(int maxConnections) {
        return new KuboClientOptions(rpcUrl, timeout, streamIdleTimeout, connectTimeout, maxConnections, authorization);
    }

    /** For a node whose API.Authorizations holds {@code basic:user:password}. */
    public KuboClientOptions withBasicAuth(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String token = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return withAuthorization("Basic " + token);
    }

    /** For a node whose API.Authorizations holds {@code bearer:token}. */
    public KuboClientOptions withBearerToken(String token) {
        Objects.requireNonNull(token, "token");
        return withAuthorization("Bearer " + token);
    }

    private KuboClientOptions withAuthorization(String header) {
        return new KuboClientOptions(rpcUrl, timeout, streamIdleTimeout, connectTimeout, maxConnections, Optional.of(header));
    }

    /** The RPC URL without a trailing slash, ready for {@code /api/v0/…}. */
    public String baseUrl() {
        String url = rpcUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static void requirePositive(String name, Duration value) {
        CallLimits.requirePositive(name, value);
    }

    CallLimits limits() {
        return new CallLimits(timeout, streamIdleTimeout);
    }

    @Override
    public String toString() {
        // Never print the credentials.
        return "KuboClientOptions[rpcUrl=" + rpcUrl + ", timeout=" + timeout + ", streamIdleTimeout=" + streamIdleTimeout
                + ", connectTimeout=" + connectTimeout
                + ", maxConnections=" + maxConnections + ", authorization=" + (authorization.isPresent() ? "***" : "none") + "]";
    }
}
