package io.pinfold.edge.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadToEndTest {

    @Test
    void notCaughtUpBeforeThePartitionsAreKnown() {
        ReadToEnd progress = new ReadToEnd("pinfold.nodes");
        assertThat(progress.caughtUp()).isFalse();
        assertThat(progress.describe()).isEqualTo("no partitions assigned yet");
    }

    @Test
    void caughtUpWhenEveryPartitionReachedItsEndAtAssignment() {
        ReadToEnd progress = new ReadToEnd("pinfold.nodes");
        progress.assigned(Map.of(0, 0L, 1, 0L), Map.of(0, 10L, 1, 4L));
        progress.reached(0, 10);
        progress.reached(1, 3);
        assertThat(progress.caughtUp()).isFalse();
        assertThat(progress.describe()).isEqualTo("reading: offsets still behind the start-up end, by partition: {1=1}");

        progress.reached(1, 4);
        assertThat(progress.caughtUp()).isTrue();
    }

    @Test
    void aPartitionWithNothingLeftToReadCountsAsRead() {
        ReadToEnd progress = new ReadToEnd("pinfold.nodes");
        progress.assigned(Map.of(0, 7L, 1, 0L), Map.of(0, 7L, 1, 0L));
        assertThat(progress.caughtUp()).isTrue();
    }

    @Test
    void staysCaughtUpWhenNewRecordsArriveAfterTheStart() {
        ReadToEnd progress = new ReadToEnd("pinfold.denylist");
        progress.assigned(Map.of(0, 0L), Map.of(0, 1L));
        progress.reached(0, 1);
        assertThat(progress.caughtUp()).isTrue();
        progress.assigned(Map.of(0, 1L), Map.of(0, 50L));
        assertThat(progress.caughtUp()).isTrue();
    }
}
