package io.pinfold.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.pin.PinVerification;
import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a real Kubo node holds, as the GC tests check it: a DAG's blocks, the node's local blocks, pins whole and readable. */
public final class NodeBlocks {
    private static final Duration CALL = Duration.ofSeconds(60);

    private NodeBlocks() {
    }

    /** Every block the DAG under {@code cid} reaches, its root included. */
    public static Set<Multihash> blocksOf(KuboClient node, String cid) {
        Set<Multihash> blocks = node.content().refs(cid, RefsOptions.allUnique()).collect().asList().await().atMost(CALL).stream()
                .map(ref -> Cid.parse(ref.cid()).multihash()).collect(Collectors.toCollection(HashSet::new));
        blocks.add(Cid.parse(cid).multihash());
        return blocks;
    }

    /** Every block in the node's repo. */
    public static Set<Multihash> localBlocks(KuboClient node) {
        return node.content().refsLocal().collect().asList().await().atMost(CALL).stream()
                .filter(Ref::ok).map(ref -> Cid.parse(ref.cid()).multihash()).collect(Collectors.toSet());
    }

    /** pin verify finds every pin whole, and every given file reads back byte for byte. */
    public static void verifyAndReadBack(KuboClient node, Map<String, byte[]> files) {
        assertThat(node.pin().verify(false).collect().asList().await().atMost(CALL)).allMatch(PinVerification::ok);
        new LinkedHashMap<>(files).forEach((cid, bytes) ->
                assertThat(node.content().cat(cid).await().atMost(CALL)).as("content of %s", cid).isEqualTo(bytes));
    }
}
