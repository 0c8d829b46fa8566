package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.config.KuboConfig;
import io.pinfold.kubo.node.IdInfo;
import io.pinfold.kubo.node.VersionInfo;
import io.pinfold.kubo.swarm.SwarmPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** id, version, config show and swarm peers against a real Kubo. */
class NodeCallsTest {

    @Test
    void idNamesTheNodeItAsks() {
        IdInfo id = LiveKubo.first().id().await().atMost(WAIT);

        assertThat(id.peerId()).isEqualTo(LiveKubo.node1().peerId()).startsWith("12D3KooW");
        assertThat(id.agentVersion()).startsWith("kubo/0.43.1");
        assertThat(id.addresses()).anyMatch(address -> address.startsWith("/ip4/127.0.0.1/tcp/"));
        assertThat(id.protocols()).contains("/ipfs/bitswap/1.2.0");
        assertThat(id.publicKey()).isNotBlank();
    }

    @Test
    void versionIsThePinnedKuboRelease() {
        VersionInfo version = LiveKubo.first().version().await().atMost(WAIT);

        assertThat(version.version()).isEqualTo("0.43.1");
        assertThat(version.repo()).isEqualTo("18");
        assertThat(version.system()).isNotBlank();
    }

    @Test
    void configShowIsTheNodesConfigurationWithoutItsPrivateKey() {
        KuboConfig config = LiveKubo.first().config().show().await().atMost(WAIT);

        assertThat(config.text("Addresses.API"))
                .contains("/ip4/127.0.0.1/tcp/" + LiveKubo.node1().rpcUrl().getPort());
        assertThat(config.text("Identity.PeerID")).contains(LiveKubo.node1().peerId());
        assertThat(config.at("Bootstrap")).hasValueSatisfying(bootstrap -> assertThat(bootstrap.size()).isZero());
        assertThat(config.text("Identity.PrivKey")).isEmpty();
        assertThat(config.text("No.Such.Key")).isEmpty();
    }

    @Test
    void theLocalNodesAreConnectedToEachOther() {
        List<SwarmPeer> peers = LiveKubo.first().swarm().peers().await().atMost(WAIT);

        assertThat(peers).extracting(SwarmPeer::peerId).contains(LiveKubo.node2().peerId());
        assertThat(peers).allSatisfy(peer -> assertThat(peer.address()).startsWith("/ip4/127.0.0.1/"));
    }
}
