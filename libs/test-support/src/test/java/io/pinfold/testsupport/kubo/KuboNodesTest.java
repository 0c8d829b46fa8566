package io.pinfold.testsupport.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.testsupport.stack.PartFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KuboNodesTest {

    @Test
    void sharedNodesAreRealDaemonsWithDistinctIdentities() throws Exception {
        KuboNodes nodes = KuboNodes.shared();

        assertThat(nodes.size()).isGreaterThanOrEqualTo(2);
        assertThat(nodes.first().peerId()).isNotEqualTo(nodes.second().peerId());
        for (KuboNode node : nodes.all()) {
            assertThat(post(node.rpcUrl() + "/api/v0/id").body()).contains("\"ID\":\"" + node.peerId() + "\"");
            // bafkqaaa: the empty identity CID, served by any running gateway without fetching
            assertThat(get(node.gatewayUrl() + "/ipfs/bafkqaaa").statusCode()).isEqualTo(200);
            assertThat(node.swarmAddress()).startsWith("/ip4/127.0.0.1/tcp/").endsWith("/p2p/" + node.peerId());
        }
        assertThat(KuboNodes.shared()).isSameAs(nodes);
    }

    @Test
    void sharedNodesAreConnectedToEachOther() throws Exception {
        KuboNodes nodes = KuboNodes.shared();

        assertThat(post(nodes.first().rpcUrl() + "/api/v0/swarm/peers").body()).contains(nodes.second().peerId());
    }

    @Test
    void askingForANodeBeyondTheSetSaysHowManyThereAre() {
        KuboNodes nodes = KuboNodes.shared();

        assertThatThrownBy(() -> nodes.node(nodes.size() + 1))
                .isInstanceOf(PartFailedException.class)
                .hasMessageContaining("only " + nodes.size() + " Kubo node(s) are available");
    }

    @Test
    void aMissingKuboBinaryFailsWithOneLineSayingWhatToRun() throws IOException {
        Path emptyHome = Files.createTempDirectory("pinfold-home-without-kubo-");
        Map<String, String> env = Map.of("PINFOLD_HOME", emptyHome.toString(), "PATH", "/usr/bin:/bin");

        assertThatThrownBy(() -> ThrowawayKuboNodes.start(1, env))
                .isInstanceOf(PartFailedException.class)
                .hasMessageStartingWith("pinfold: kubo: Kubo v0.43.1 is not installed at " + emptyHome + "/bin/ipfs; run ./pinfold install")
                .hasMessageNotContaining("\n");
    }

    @Test
    void environmentNamesRunningNodesOrNothing() {
        assertThat(KuboNodeSource.fromSettings(name -> Optional.empty())).isEmpty();

        assertThatThrownBy(() -> KuboNodeSource.fromSettings(settings(
                "http://127.0.0.1:15002,http://127.0.0.1:15003", "http://127.0.0.1:18081")))
                .isInstanceOf(PartFailedException.class)
                .hasMessage("pinfold: kubo: PINFOLD_KUBO_GATEWAY_URLS must list one gateway per URL of PINFOLD_KUBO_RPC_URLS"
                        + " (2 RPC URLs, 1 gateway URLs)");
        assertThatThrownBy(() -> KuboNodeSource.fromSettings(settings("/ip4/127.0.0.1/tcp/5001", "http://127.0.0.1:8080")))
                .hasMessage("pinfold: kubo: PINFOLD_KUBO_RPC_URLS: expected http://host:port, got '/ip4/127.0.0.1/tcp/5001'");
    }

    @Test
    void environmentNodesAreAskedForTheirIdentity() {
        KuboNode running = KuboNodes.shared().first();

        KuboNodes named = KuboNodeSource.fromSettings(settings(running.rpc() + "/", running.gateway())).orElseThrow();

        assertThat(named.first().peerId()).isEqualTo(running.peerId());
        assertThat(named.first().rpcUrl()).isEqualTo(running.rpcUrl());
        assertThat(named.first().swarmAddress()).endsWith("/p2p/" + running.peerId());
    }

    @Test
    void identityIsReadFromTheIdAnswer() {
        KuboIdentity identity = KuboIdentity.parse("kubo-1", "{\"ID\":\"12D3KooWAbc\",\"PublicKey\":\"CAES\","
                + "\"Addresses\":[\"/ip4/127.0.0.1/tcp/14002/p2p/12D3KooWAbc\",\"/ip4/127.0.0.1/udp/14002/quic-v1\"],"
                + "\"AgentVersion\":\"kubo/0.43.1/\",\"Protocols\":[]}");

        assertThat(identity.peerId()).isEqualTo("12D3KooWAbc");
        assertThat(identity.loopbackSwarmAddress()).contains("/ip4/127.0.0.1/tcp/14002/p2p/12D3KooWAbc");
        assertThatThrownBy(() -> KuboIdentity.parse("kubo-1", "{\"Message\":\"nope\"}"))
                .hasMessageStartingWith("pinfold: kubo: kubo-1: /api/v0/id answer has no ID");
    }

    private static java.util.function.Function<String, Optional<String>> settings(String rpc, String gateway) {
        return name -> switch (name) {
            case KuboNodeSource.RPC_URLS -> Optional.of(rpc);
            case KuboNodeSource.GATEWAY_URLS -> Optional.of(gateway);
            default -> Optional.empty();
        };
    }

    private static HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
