package io.pinfold.pin.api;

import static io.pinfold.pin.api.PinsApi.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinfold.testsupport.quarkus.KafkaTestResource;
import io.pinfold.testsupport.quarkus.KuboTestResource;
import io.pinfold.testsupport.quarkus.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubo's own remote pinning client against pin-service, unchanged: a third Kubo node, outside the service and not
 * peered with its nodes, registers pin-service with {@code ipfs pin remote service add} and a tenant's token, then
 * pins its own content there with {@code ipfs pin remote add}, lists it with {@code ipfs pin remote ls --status=…} and
 * removes it with {@code ipfs pin remote rm}. The content reaches the allocated nodes only through the Pinning Service
 * API's hints (Kubo sends its addresses as origins and dials the delegates pin-service answers); {@code ipfs pin ls}
 * on those nodes shows it pinned, and unpinned after the remove.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KuboTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "pin_service_kubo_remote_test"))
class KuboRemotePinTest {
    private static final Duration CLI = Duration.ofSeconds(30);
    private static final Duration PINNING = Duration.ofSeconds(120);
    private static ClientKuboNode client;

    @TestHTTPResource("/")
    URL service;

    @BeforeAll
    static void clientNode() {
        client = ClientKuboNode.start();
    }

    @AfterAll
    static void stopClientNode() {
        if (client != null) {
            client.stop();
        }
    }

    @BeforeEach
    void nodes() {
        PinsApi.nodesRegistered();
    }

    @Test
    void kubosPinRemoteCommandsAddListAndRemoveAPinThatEndsOnTheAllocatedNodes() throws Exception {
        var tenant = PinsApi.tenant("kubo-remote");
        String serviceName = "pinfold-" + UUID.randomUUID().toString().substring(0, 8);
        client.ipfs(CLI, "pin", "remote", "service", "add", serviceName, service.toString(), tenant.token());
        assertThat(client.ipfs(CLI, "pin", "remote", "service", "ls", "--stat"))
                .containsPattern(serviceName + "\\s+" + java.util.regex.Pattern.quote(endpoint()) + "\\s+0/0/0/0");

        // Content only this node has: 1 MiB of fresh bytes, several blocks.
        String cid = client.add(randomBytes(1 << 20));
        assertThat(column("SELECT pin_id FROM desired_pin WHERE cid = '" + cid + "'")).isEmpty();

        // Blocks until pin-service answers pinned (Kubo polls GET /pins/{requestid}).
        String added = client.ipfs(PINNING, "pin", "remote", "add", "--service=" + serviceName, "--name=report.bin", cid);
        assertThat(added).containsPattern("CID:\\s+" + cid).containsPattern("Name:\\s+report\\.bin").containsPattern("Status:\\s+pinned");

        String requestId = column("SELECT pin_id FROM desired_pin WHERE cid = '" + cid + "' AND removed_at IS NULL").get(0);
        // Kubo sent its own addresses as origins: the node had the content.
        assertThat(column("SELECT origins::text FROM desired_pin WHERE pin_id = '" + requestId + "'").get(0)).contains("/p2p/");
        List<String> allocated = column("SELECT n.rpc_url FROM node_pin np JOIN kubo_node n ON n.id = np.node_id "
                + "WHERE np.pin_id = '" + requestId + "' AND np.wanted");
        assertThat(allocated).isNotEmpty();
        for (String node : allocated) {
            await().atMost(PINNING).untilAsserted(() -> assertThat(pinnedOn(node, cid)).as("pin ls on %s", node).isTrue());
        }

        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=pinned"))
                .isEqualTo(cid + "\tpinned\treport.bin\n");
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--cid=" + cid, "--status=queued,pinning,failed"))
                .isEmpty();
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--name=report.bin"))
                .isEqualTo(cid + "\tpinned\treport.bin\n");
        assertThat(client.ipfs(CLI, "pin", "remote", "service", "ls", "--stat")).containsPattern(serviceName + "\\s+\\S+\\s+0/0/1/0");

        client.ipfs(CLI, "pin", "remote", "rm", "--service=" + serviceName, "--cid=" + cid);
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=queued,pinning,pinned,failed")).isEmpty();
        for (String node : allocated) {
            await().atMost(PINNING).untilAsserted(() -> assertThat(pinnedOn(node, cid)).as("pin ls on %s after rm", node).isFalse());
        }
    }

    @Test
    void aBackgroundAddIsListedByStatusUntilPinnedAndRmRefusesSeveralMatchesWithoutForce() throws Exception {
        var tenant = PinsApi.tenant("kubo-background");
        String serviceName = "pinfold-" + UUID.randomUUID().toString().substring(0, 8);
        client.ipfs(CLI, "pin", "remote", "service", "add", serviceName, service.toString(), tenant.token());
        String first = client.add(randomBytes(300_000));
        String second = client.add(randomBytes(300_000));

        // --background: returns on queued; the status filters of ls follow the pin to pinned.
        assertThat(client.ipfs(CLI, "pin", "remote", "add", "--background", "--service=" + serviceName, "--name=batch-1", first))
                .containsPattern("Status:\\s+(queued|pinning|pinned)");
        client.ipfs(CLI, "pin", "remote", "add", "--background", "--service=" + serviceName, "--name=batch-2", second);
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=queued,pinning,pinned"))
                .contains(first + "\t", second + "\t");
        await().atMost(PINNING).untilAsserted(() -> assertThat(
                client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=pinned").lines().sorted().toList())
                .containsExactlyElementsOf(List.of(first + "\tpinned\tbatch-1", second + "\tpinned\tbatch-2").stream().sorted().toList()));
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=queued,pinning,failed")).isEmpty();

        // rm matches like ls; two matches need --force.
        ClientKuboNode.Result refused = client.tryIpfs(CLI, "pin", "remote", "rm", "--service=" + serviceName, "--status=pinned");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("multiple");
        client.ipfs(CLI, "pin", "remote", "rm", "--service=" + serviceName, "--status=pinned", "--force");
        assertThat(client.ipfs(CLI, "pin", "remote", "ls", "--service=" + serviceName, "--status=queued,pinning,pinned,failed")).isEmpty();
    }

    private boolean pinnedOn(String rpcUrl, String cid) {
        ClientKuboNode.Result listed = client.ipfsAt(rpcUrl, CLI, "pin", "ls", "--type=recursive", cid);
        return listed.exitCode() == 0 && listed.output().startsWith(cid + " recursive");
    }

    /** The endpoint as Kubo normalises it: the service's base URL without a trailing slash. */
    private String endpoint() {
        String url = service.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
