package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.repo.GcResult;
import io.pinfold.kubo.repo.RepoStat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** repo stat and a streamed repo gc against a real Kubo. */
class RepoCallsTest {

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void repoStatDescribesTheRepository() {
        LiveKubo.addOnFirst(LiveKubo.uniqueBytes(100), true);

        RepoStat full = kubo.repo().stat().await().atMost(WAIT);
        RepoStat sizeOnly = kubo.repo().stat(true).await().atMost(WAIT);

        assertThat(full.numObjects()).isPositive();
        assertThat(full.repoSize()).isPositive();
        assertThat(full.storageMax()).isGreaterThan(full.repoSize());
        assertThat(full.version()).isEqualTo("fs-repo@18");
        assertThat(full.repoPath()).isNotBlank();
        assertThat(sizeOnly.repoSize()).isPositive();
        assertThat(sizeOnly.numObjects()).isZero();
    }

    @Test
    void gcStreamsTheBlocksItRemovesAndKeepsPinnedOnes() {
        String unpinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(64), false);
        String pinned = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(64), true);

        List<GcResult> removed = kubo.repo().gc().collect().asList().await().atMost(WAIT);

        assertThat(removed).allSatisfy(result -> assertThat(result.error()).isEmpty());
        assertThat(removed).extracting(GcResult::removedCid).contains(Optional.of(unpinned))
                .doesNotContain(Optional.of(pinned));
        assertThat(kubo.content().refsLocal().map(Ref::cid).collect().asList().await().atMost(WAIT))
                .contains(pinned)
                .doesNotContain(unpinned);
    }
}
