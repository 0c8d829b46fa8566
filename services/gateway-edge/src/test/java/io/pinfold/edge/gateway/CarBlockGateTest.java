package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.Hints;
import io.pinfold.denylist.PathRule;
import io.pinfold.denylist.Target;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CAR gate forwards every byte before a blocked section and none of it, whatever the chunking. */
class CarBlockGateTest {
    private final byte[] first = "first block".getBytes(StandardCharsets.UTF_8);
    private final byte[] blocked = "taken down".getBytes(StandardCharsets.UTF_8);
    private final byte[] last = "last block".getBytes(StandardCharsets.UTF_8);
    private final Cid firstCid = Cid.v1(Codec.RAW, sha256(first));
    private final Cid blockedCid = Cid.v0(sha256(blocked)); // CIDv0 in the CAR; the rule names the same multihash
    private final Cid lastCid = Cid.v1(Codec.RAW, sha256(last));

    @Test
    void aCarWithoutBlockedBlocksPassesWholeInAnyChunking() throws Exception {
        byte[] car = car(List.of(firstCid, lastCid), List.of(first, last));
        for (int size = 1; size <= car.length; size++) {
            CarBlockGate gate = new CarBlockGate(cid -> Optional.empty());
            assertThat(feed(gate, car, size)).as("chunks of %d", size).isEqualTo(car);
            assertThat(gate.endedCleanly()).isTrue();
        }
    }

    @Test
    void theStreamStopsRightBeforeTheBlockedSectionInAnyChunking() throws Exception {
        byte[] car = car(List.of(firstCid, blockedCid, lastCid), List.of(first, blocked, last));
        byte[] before = car(List.of(firstCid), List.of(first));
        DenylistEntry rule = DenylistEntry.block(new Target.Content(blockedCid.multihash()), PathRule.ROOT, Hints.of("N-9", null, null));
        for (int size = 1; size <= car.length; size++) {
            CarBlockGate gate = new CarBlockGate(cid -> cid.multihash().equals(blockedCid.multihash()) ? Optional.of(rule) : Optional.empty());
            byte[] forwarded = feed(gate, car, size);
            assertThat(forwarded).as("chunks of %d", size).isEqualTo(before);
            assertThat(gate.blocked()).contains(rule);
            assertThat(new String(forwarded, StandardCharsets.ISO_8859_1)).doesNotContain("taken down");
        }
    }

    @Test
    void aStreamThatIsNotACarStops() {
        CarBlockGate gate = new CarBlockGate(cid -> Optional.empty());
        byte[] garbage = new byte[] {2, 0, 0, 5, 1, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, 1};
        gate.accept(garbage);
        assertThat(gate.stopped()).isTrue();
        assertThat(gate.malformed()).isNotNull();
    }

    private static byte[] feed(CarBlockGate gate, byte[] car, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < car.length; at += size) {
            out.writeBytes(gate.accept(Arrays.copyOfRange(car, at, Math.min(car.length, at + size))));
        }
        return out.toByteArray();
    }

    /** A CARv1: a (dummy) header, then one section per block: varint length, CID, data. */
    static byte[] car(List<Cid> cids, List<byte[]> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = "\u00a2eroots\u0080gversion\u0001".getBytes(StandardCharsets.ISO_8859_1);
        varint(header.length, out);
        out.writeBytes(header);
        for (int i = 0; i < cids.size(); i++) {
            byte[] cid = cids.get(i).bytes();
            varint(cid.length + blocks.get(i).length, out);
            out.writeBytes(cid);
            out.writeBytes(blocks.get(i));
        }
        return out.toByteArray();
    }

    private static void varint(long value, ByteArrayOutputStream out) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static Multihash sha256(byte[] data) {
        try {
            return Multihash.of(0x12, MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
