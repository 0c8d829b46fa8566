package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/** Memory is counted, not timed: the design target is 1M entries in 64 MiB, about 67 bytes per entry. */
class FootprintTest {

    @Test
    void aPlainCidEntryWithoutNoticeCostsUnder67BytesAndEveryOneIsFound() {
        int count = 200_000;
        Denylist list = new Denylist();
        Random random = new Random(7);
        byte[] digest = new byte[32];
        for (int i = 0; i < count; i++) {
            random.nextBytes(digest);
            list.add(DenylistEntry.block(new Target.Content(Multihash.of(0x12, digest)), PathRule.ROOT, Hints.of(null, "dmca", null)));
        }
        double perEntry = (double) list.footprintBytes() / count;
        System.out.printf("denylist footprint: %d entries, %.1f bytes/entry, %d bytes%n", count, perEntry, list.footprintBytes());
        assertThat(perEntry).isLessThan(67);
        random = new Random(7);
        for (int i = 0; i < count; i++) {
            random.nextBytes(digest);
            assertThat(list.matchBlock(Cid.v1(Codec.RAW, Multihash.of(0x12, digest)))).isPresent();
        }
    }

    @Test
    void aNoticeIdIsKeptPerEntry() {
        Denylist list = new Denylist();
        String notice = UUID.randomUUID().toString();
        Multihash multihash = Multihash.of(0x12, new byte[32]);
        list.add(DenylistEntry.block(new Target.Content(multihash), PathRule.ROOT, Hints.of(notice, null, null)));
        assertThat(list.matchBlock(Cid.v1(Codec.RAW, multihash)).orElseThrow().hints().notice()).contains(notice);
    }
}
