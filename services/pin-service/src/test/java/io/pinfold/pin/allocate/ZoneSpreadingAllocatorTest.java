package io.pinfold.pin.allocate;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.events.node.NodeState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The placement rule as a table. A node is written {@code id/zone/state/allocated/capacity}, with {@code -} for "no
 * zone" or "unknown capacity" and state a = active, d = draining, x = down; sizes are in bytes, {@code ?} unknown.
 */
class ZoneSpreadingAllocatorTest {

    private final PinAllocator allocator = new ZoneSpreadingAllocator();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # guarantee                                         | nodes                                                              | size | min..max | holders | avoid | chosen     | shortfall
            zones are spread before one is doubled              | a/z1/a/0/100  b/z1/a/0/100  c/z2/a/50/100                         | 10   | 1..2     |         |       | a c        |
            a third replica doubles up only once zones run out  | a/z1/a/0/100  b/z1/a/10/100  c/z2/a/50/100                        | 10   | 3..3     |         |       | a c b      |
            three zones for three replicas, least loaded first  | a/z1/a/0/100  b/z1/a/0/100  c/z2/a/0/100  d/z3/a/90/100  e/z2/a/5/100 | 10 | 3..3   |         |       | a c d      |
            a node without a zone is a zone of its own          | a/z1/a/0/100  b/z1/a/0/100  c/-/a/80/100                          | 10   | 2..2     |         |       | a c        |
            within the free zones the freest node wins          | a/z1/a/60/100  b/z2/a/20/100  c/z3/a/40/100                       | 10   | 1..1     |         |       | b          |
            free share, not free bytes, ranks nodes             | a/z1/a/0/10  b/z2/a/500/1000                                      | 1    | 1..1     |         |       | a          |
            a full node is skipped                              | a/z1/a/95/100  b/z1/a/0/100  c/z2/a/0/100                         | 10   | 2..2     |         |       | b c        |
            an exact fit is not full                            | a/z1/a/90/100                                                     | 10   | 1..1     |         |       | a          |
            unknown size needs only some room                   | a/z1/a/100/100  b/z2/a/99/100                                     | ?    | 1..2     |         |       | b          |
            unknown capacity is never full                      | a/z1/a/500/-  b/z2/a/100/100                                      | 10   | 1..2     |         |       | a          |
            draining and down nodes get no new work             | a/z1/d/0/100  b/z2/x/0/100  c/z3/a/90/100                         | 10   | 1..3     |         |       | c          |
            avoided nodes are never chosen                      | a/z1/a/0/100  b/z2/a/50/100                                       | 10   | 1..1     |         | a     | b          |
            healthy holders are kept even when others are freer | a/z1/a/0/100  b/z2/a/0/100  c/z3/a/80/100                         | 10   | 2..2     | c       |       | c a        |
            a full holder is kept: it has the content already   | a/z1/a/100/100  b/z2/a/0/100                                      | 10   | 1..1     | a       |       | a          |
            a draining holder is kept, a down one replaced      | a/z1/d/0/100  b/z2/x/0/100  c/z3/a/0/100  d/z2/a/10/100           | 10   | 3..3     | a b     |       | a c d      |
            holders beyond max are trimmed, zones first         | a/z1/a/0/100  b/z1/a/0/100  c/z2/a/50/100                         | 10   | 2..2     | a b c   |       | a c        |
            too few nodes: under-replicated with the reasons    | a/z1/a/0/100  b/z2/d/0/100  c/z3/x/0/100  d/z4/a/99/100           | 10   | 3..3     |         |       | a          | under-replicated: 1 of min 3 nodes available (b draining, c down, d full)
            min met but max not: not under-replicated           | a/z1/a/0/100                                                      | 10   | 1..3     |         |       | a          |
            no nodes at all                                     |                                                                   | 10   | 1..1     |         |       |            | under-replicated: 0 of min 1 nodes available (no other node registered)
            """)
    void placesReplicas(String guarantee, String nodes, String size, String replication, String holders, String avoid,
                        String chosen, String shortfall) {
        String[] range = replication.split("\\.\\.");
        AllocationRequest request = new AllocationRequest(
                "?".equals(size) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size)),
                new ReplicationFactor(Integer.parseInt(range[0]), Integer.parseInt(range[1])),
                Set.copyOf(words(holders)), Set.copyOf(words(avoid)));

        Allocation allocation = allocator.allocate(request, candidates(nodes));

        assertThat(allocation.nodeIds()).as(guarantee).containsExactlyElementsOf(words(chosen));
        assertThat(allocation.shortfall().orElse(null)).as(guarantee).isEqualTo(shortfall);
        assertThat(allocation.underReplicated()).isEqualTo(shortfall != null);
    }

    @Test
    void theSameInputsInAnyOrderGiveTheSameAnswer() {
        List<NodeCandidate> nodes = candidates("a/z1/a/0/100 b/z1/a/0/100 c/z2/a/0/100 d/z2/a/0/100 e/-/a/0/100 f/-/a/0/100 g/z3/a/0/100");
        AllocationRequest request = AllocationRequest.fresh(OptionalLong.of(1), new ReplicationFactor(1, 5));
        List<String> first = allocator.allocate(request, nodes).nodeIds();
        assertThat(first).containsExactly("a", "c", "e", "f", "g");
        for (long seed = 0; seed < 200; seed++) {
            List<NodeCandidate> shuffled = new ArrayList<>(nodes);
            Collections.shuffle(shuffled, new java.util.Random(seed));
            assertThat(allocator.allocate(request, shuffled).nodeIds()).isEqualTo(first);
        }
    }

    @Test
    void reAllocationAfterANodeGoesDownMovesOnlyItsReplica() {
        List<NodeCandidate> nodes = candidates("a/z1/a/0/100 b/z2/x/0/100 c/z3/a/0/100 d/z2/a/30/100");
        AllocationRequest request = new AllocationRequest(OptionalLong.of(10), new ReplicationFactor(3, 3),
                Set.of("a", "b", "c"), Set.of());

        Allocation allocation = allocator.allocate(request, nodes);

        assertThat(allocation.kept()).containsExactly("a", "c");
        assertThat(allocation.added()).containsExactly("d");
        assertThat(allocation.underReplicated()).isFalse();
    }

    private static List<NodeCandidate> candidates(String nodes) {
        return words(nodes).stream().map(spec -> {
            String[] f = spec.split("/");
            NodeState state = switch (f[2]) {
                case "a" -> NodeState.ACTIVE;
                case "d" -> NodeState.DRAINING;
                case "x" -> NodeState.DOWN;
                default -> throw new IllegalArgumentException(spec);
            };
            return new NodeCandidate(f[0], state, null, "-".equals(f[1]) ? null : f[1],
                    "-".equals(f[4]) ? null : Long.parseLong(f[4]), Long.parseLong(f[3]));
        }).toList();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
