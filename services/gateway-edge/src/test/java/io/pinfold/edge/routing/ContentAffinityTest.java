package io.pinfold.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentAffinityTest {

    @Test
    void theNodesThatAnsweredAreRememberedForTheMostRecentContent() {
        ContentAffinity affinity = new ContentAffinity(2);
        affinity.answered("a", "n1");
        affinity.answered("b", "n2");
        assertThat(affinity.holders("a")).containsExactly("n1");
        affinity.answered("c", "n1");
        assertThat(affinity.holders("b")).as("least recently used, dropped").isEmpty();
        affinity.answered("a", "n2");
        assertThat(affinity.holders("a")).containsExactlyInAnyOrder("n1", "n2");
        assertThat(affinity.size()).isEqualTo(2);
        for (int i = 0; i < 20; i++) {
            affinity.answered("a", "m" + i);
        }
        assertThat(affinity.holders("a")).as("the latest holders, bounded").hasSize(ContentAffinity.HOLDERS).contains("m19")
                .doesNotContain("n1");
        assertThat(new ContentAffinity(0).holders("a")).isEmpty();
        assertThat(affinity.holders(null)).isEmpty();
    }
}
