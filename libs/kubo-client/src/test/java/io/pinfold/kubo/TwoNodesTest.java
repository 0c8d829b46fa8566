package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.pin.PinAddOptions;
import io.pinfold.kubo.pin.PinLsEntry;
import io.pinfold.kubo.pin.PinLsOptions;
import io.pinfold.kubo.pin.PinProgress;
import io.pinfold.kubo.pin.PinType;
import io.pinfold.kubo.swarm.SwarmPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content added on node 1 is pinned and served by node 2 once the two are connected. */
class TwoNodesTest {

    @Test
    void node2PinsWhatNode1AddedAfterSwarmConnect() {
        KuboClient second = LiveKubo.second();
        second.swarm().connect(LiveKubo.node1().swarmAddress()).await().atMost(WAIT);
        assertThat(second.swarm().peers().await().atMost(WAIT)).extracting(SwarmPeer::peerId)
                .contains(LiveKubo.node1().peerId());
        byte[] content = LiveKubo.uniqueBytes(2 * 256 * 1024 + 10);
        String cid = LiveKubo.addOnFirst(content, true);

        List<String> pinned = second.pin().add(cid, PinAddOptions.recursivePin()).await().atMost(WAIT);

        assertThat(pinned).containsExactly(cid);
        assertThat(second.pin().ls(PinLsOptions.all().withCids(List.of(cid))).collect().asList().await().atMost(WAIT))
                .extracting(PinLsEntry::type).containsExactly(PinType.RECURSIVE);
        assertThat(second.content().cat(cid).await().atMost(WAIT)).isEqualTo(content);
    }

    @Test
    void node2ReportsProgressWhileFetchingFromNode1() {
        byte[] content = LiveKubo.uniqueBytes(5 * 256 * 1024);
        String cid = LiveKubo.addOnFirst(content, true);

        List<PinProgress> steps = LiveKubo.second().pin().addWithProgress(cid, PinAddOptions.recursivePin())
                .collect().asList().await().atMost(WAIT);

        assertThat(steps.get(steps.size() - 1).pinned()).containsExactly(cid);
        assertThat(steps).anySatisfy(step -> assertThat(step.blocks()).isEqualTo(6)); // root + 5 leaves fetched
    }

    @Test
    void node2sGatewayServesWhatNode1Added() {
        byte[] content = LiveKubo.uniqueBytes(70_000);
        String cid = LiveKubo.addOnFirst(content, true);

        assertThat(LiveKubo.gatewayGet(LiveKubo.node2(), "/ipfs/" + cid)).isEqualTo(content);
    }
}
