package io.pinfold.edge.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.ipfs.cid.Cid;
import org.junit.jupiter.api.Test;

/** Additions and removals of pinfold.denylist entries take effect in both directions, as often as they come. */
class DenylistEntriesTest {
    private static final Cid CID = Cid.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    private final DenylistEntries entries = new DenylistEntries();

    @Test
    void aTombstoneLiftsTheBlockAndANewEntryBlocksAgain() {
        for (int round = 0; round < 5_000; round++) {
            entries.put(CID.multihash().toBase32(), DenylistEventTranslation.rules(cidEntry(round % 2 == 0 ? 410 : 451, "N-" + round)));
            assertThat(entries.match(request("")).map(rule -> rule.hints().notice().orElseThrow())).contains("N-" + round);
            entries.remove(CID.multihash().toBase32());
            assertThat(entries.match(request(""))).isEmpty();
        }
        assertThat(entries.size()).isZero();
    }

    @Test
    void removingOneKeyKeepsAnotherKeysBlockOnTheSameTarget() {
        String peerIdKey = "ipns/12D3KooWLF1fCUQqvcL5Hd7avLt5VUG9G5Ch7KjNBTJ8aDZ1nGSF";
        String cidKey = "ipns/k51qzi5uqu5dlxdsdu5fpuu7h69wu4ohp32iwm9pdt9nq3y5rpn3ln9j12zfhe";
        String name = "k51qzi5uqu5dlxdsdu5fpuu7h69wu4ohp32iwm9pdt9nq3y5rpn3ln9j12zfhe";
        String peerId = Cid.parse(name).multihash().toBase58();
        entries.put(cidKey, DenylistEventTranslation.rules(ipns(name, "N-a")));
        entries.put(peerIdKey, DenylistEventTranslation.rules(ipns(peerId, "N-b")));
        entries.remove(peerIdKey);
        assertThat(entries.match(ContentRequest.ipns(name, ""))).as("the other key still blocks the same name").isPresent();
        entries.remove(cidKey);
        assertThat(entries.match(ContentRequest.ipns(name, ""))).isEmpty();
    }

    @Test
    void aPathEntryBlocksThePathAndLeavesItsSiblings() {
        entries.put("p", DenylistEventTranslation.rules(DenylistEntryAdded.of("/ipfs/" + CID + "/secret.txt", 410, null, null, "N-p")));
        assertThat(entries.match(request("/secret.txt"))).isPresent();
        assertThat(entries.match(request("/public.txt"))).isEmpty();
        assertThat(entries.match(request(""))).isEmpty();
    }

    @Test
    void theEntrysStatusNoticeAndLegalReasonReachTheRule() {
        entries.put("k", DenylistEventTranslation.rules(cidEntry(451, "N-7")));
        var rule = entries.match(request("")).orElseThrow();
        assertThat(rule.status()).isEqualTo(451);
        assertThat(rule.hints().notice()).contains("N-7");
        assertThat(rule.hints().legalReason()).contains("court-order");
    }

    private static ContentRequest request(String path) {
        return ContentRequest.ipfs(CID.toV1().toString(), path);
    }

    private static DenylistEntryAdded cidEntry(int status, String notice) {
        return DenylistEntryAdded.of("/ipfs/" + CID, status, status == 451 ? "court-order" : null, null, notice);
    }

    private static DenylistEntryAdded ipns(String name, String notice) {
        return DenylistEntryAdded.of("/ipns/" + name, 410, null, null, notice);
    }
}
