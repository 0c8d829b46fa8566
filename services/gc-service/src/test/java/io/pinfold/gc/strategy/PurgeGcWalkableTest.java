package io.pinfold.gc.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.gc.purge.PurgeLedger.PendingPurge;
import io.pinfold.ipfs.cid.Cid;
import org.junit.jupiter.api.Test;

/** Where a purge walks blocked content from, when the denylist entry named a CID and when it named only the multihash. */
class PurgeGcWalkableTest {
    private static final String V0 = "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB";

    @Test
    void theEntrysCidIsWalkedWhenItNamedOne() {
        String multihash = Cid.parse(V0).multihash().toBase32();
        assertThat(PurgeGc.walkable(new PendingPurge("k", V0, multihash))).containsExactly(V0);
    }

    @Test
    void withoutACidTheMultihashIsWalkedAsDagPbThenAsRaw() {
        Cid cid = Cid.parse(V0);
        var walkable = PurgeGc.walkable(new PendingPurge("k", null, cid.multihash().toBase32()));
        assertThat(walkable).hasSize(2);
        assertThat(Cid.parse(walkable.get(0)).codec().name()).isEqualTo("dag-pb");
        assertThat(Cid.parse(walkable.get(1)).codec().name()).isEqualTo("raw");
        assertThat(walkable).allMatch(text -> Cid.parse(text).multihash().equals(cid.multihash()));
    }

    @Test
    void theBlockKeyIsTheCidV1RawFormOfTheMultihashAsTheNodeKeysBlocks() {
        Cid cid = Cid.parse(V0);
        String key = PurgeGc.blockKey(cid.multihash().toBase32());
        // what pinfold/roots and pinfold/refs answer for a sha2-256 block: base32 CIDv1, raw codec
        assertThat(key).startsWith("bafkrei");
        assertThat(Cid.parse(key).multihash()).isEqualTo(cid.multihash());
    }
}
