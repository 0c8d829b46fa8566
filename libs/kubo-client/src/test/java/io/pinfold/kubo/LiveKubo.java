package io.pinfold.kubo;

import io.pinfold.kubo.content.AddOptions;
import io.pinfold.testsupport.kubo.KuboNode;
import io.pinfold.testsupport.kubo.KuboNodes;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The real Kubo nodes of this test JVM (from test-support) and one client per node, shared by all tests. */
final class LiveKubo {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static Vertx vertx;
    private static KuboClient first;
    private static KuboClient second;

    private LiveKubo() {}

    static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    static KuboNode node1() {
        return KuboNodes.shared().first();
    }

    static KuboNode node2() {
        return KuboNodes.shared().second();
    }

    static synchronized KuboClient first() {
        if (first == null) {
            first = KuboClient.create(vertx(), KuboClientOptions.of(node1().rpcUrl()));
        }
        return first;
    }

    static synchronized KuboClient second() {
        if (second == null) {
            second = KuboClient.create(vertx(), KuboClientOptions.of(node2().rpcUrl()));
        }
        return second;
    }

    /** Bytes no other test (nor run) has added, so each test owns its content. */
    static byte[] uniqueBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Adds fresh content on node 1 as CIDv1 with raw leaves, so block, ref and GC CIDs read the same. */
    static String addOnFirst(byte[] content, boolean pin) {
        return first().content()
                .add(content, AddOptions.defaults().withCidVersion(1).withRawLeaves(true).withPin(pin))
                .await().atMost(WAIT)
                .cid();
    }

    /** A CID whose block exists on no node: only hashed, never stored. */
    static String unavailableCid() {
        return first().content()
                .add(uniqueBytes(64), AddOptions.defaults().withCidVersion(1).withOnlyHash(true))
                .await().atMost(WAIT)
                .cid();
    }

    /**
     * A raw RPC call outside the client under test, to observe a node's state (e.g. its bitswap
     * wantlist) independently of the code being tested.
     */
    static String rawRpc(KuboNode node, String commandAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.rpc() + "/api/v0/" + commandAndQuery))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new IllegalStateException("raw RPC " + commandAndQuery + " to " + node.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static byte[] gatewayGet(KuboNode node, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.gateway() + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("gateway " + node.name() + " answered " + response.statusCode() + " for " + path);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("gateway GET " + path + " on " + node.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits until node 1's bitswap wantlist holds {@code cid}: it is looking for the block. */
    static void awaitWanted(String cid) {
        awaitWantlist(cid, true);
    }

    /** Waits until node 1's bitswap wantlist no longer holds {@code cid}: the request that wanted it ended on Kubo. */
    static void awaitNotWanted(String cid) {
        awaitWantlist(cid, false);
    }

    private static void awaitWantlist(String cid, boolean wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String wantlist = "";
        while (System.nanoTime() < deadline) {
            wantlist = rawRpc(node1(), "bitswap/wantlist");
            if (wantlist.contains(cid) == wanted) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("node 1's wantlist " + (wanted ? "never held " : "still holds ") + cid + ": " + wantlist);
    }
}
