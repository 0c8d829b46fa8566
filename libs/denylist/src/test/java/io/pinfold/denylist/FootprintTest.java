package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/**
 * Memory is counted, not timed: the design target is 1M entries in 64 MiB, 67.1 bytes per entry.
 * 250k entries fill the table as 1M do (same load after its last doubling), so the figure carries over.
 */
class FootprintTest {

    @Test
    void aCidEntryWithItsNoticeIdAndLegalReasonFitsTheTargetAndEveryOneIsFound() {
        int count = 250_000;
        Denylist list = new Denylist();
        Random random = new Random(7);
        byte[] digest = new byte[32];
        for (int i = 0; i < count; i++) {
            random.nextBytes(digest);
            String notice = new UUID(random.nextLong(), random.nextLong()).toString();
            list.add(DenylistEntry.block(new Target.Content(Multihash.of(0x12, digest)), PathRule.ROOT, Hints.of(notice, "dmca", null)));
        }
        double perEntry = (double) list.footprintBytes() / count;
        System.out.printf("denylist footprint: %d entries, %.1f bytes/entry, %d bytes%n", count, perEntry, list.footprintBytes());
        assertThat(perEntry).isLessThan(64.0 * 1024 * 1024 / 1_000_000);
        random = new Random(7);
        for (int i = 0; i < count; i++) {
            random.nextBytes(digest);
            String notice = new UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(list.matchBlock(Cid.v1(Codec.RAW, Multihash.of(0x12, digest))).orElseThrow().hints().notice()).contains(notice);
        }
    }

    @Test
    void aNoticeIdComesBackAsItWasWhetherUuidOrNot() {
        String uuid = UUID.randomUUID().toString();
        for (String notice : new String[] { uuid, uuid.toUpperCase(java.util.Locale.ROOT), "DMCA-2026-0042", "00000000-0000-0000-0000-000000000000" }) {
            Denylist list = new Denylist();
            Multihash multihash = Multihash.of(0x12, new byte[32]);
            list.add(DenylistEntry.block(new Target.Content(multihash), PathRule.exact("p"), Hints.of(notice, "dmca", 410)));
            list.add(DenylistEntry.block(new Target.Content(multihash), PathRule.ROOT, Hints.of(notice, null, null)));
            assertThat(list.matchBlock(Cid.v1(Codec.RAW, multihash)).orElseThrow().hints().notice()).contains(notice);
            DenylistEntry onPath = list.match(ContentRequest.ipfs(Cid.v1(Codec.RAW, multihash).toString(), "/p")).orElseThrow();
            assertThat(onPath.hints()).isEqualTo(Hints.of(notice, "dmca", 410));
        }
    }
}
