package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/**
 * A gateway matches while the list grows: one writer adds rules (through many chunk and table grows)
 * while readers check that every rule whose add has returned is found, with its notice intact.
 */
class ConcurrentMatchTest {

    private static final int RULES = 100_000;
    private static final int READERS = 2;

    private static Multihash multihash(int i) {
        byte[] digest = new byte[32];
        digest[0] = (byte) i;
        digest[1] = (byte) (i >> 8);
        digest[2] = (byte) (i >> 16);
        digest[31] = 7;
        return Multihash.of(0x12, digest);
    }

    @Test
    void everyRuleAddedBeforeAMatchIsFoundWhileTheListGrows() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            Denylist list = new Denylist();
            AtomicInteger added = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                Thread reader = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    try {
                        while (added.get() < RULES) {
                            int known = added.get();
                            if (known == 0) {
                                continue;
                            }
                            // Mostly the newest rules: they are the ones a race would hide.
                            int i = random.nextBoolean() ? known - 1 - random.nextInt(Math.min(known, 64)) : random.nextInt(known);
                            var match = list.matchBlock(Cid.v1(Codec.RAW, multihash(i)));
                            if (match.isEmpty() || !match.get().hints().notice().orElse("").equals("notice-" + i)) {
                                failures.add("rule " + i + " of " + known + " added: " + match);
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int i = 0; i < RULES; i++) {
                list.add(DenylistEntry.block(new Target.Content(multihash(i)), PathRule.ROOT, Hints.of("notice-" + i, i % 2 == 0 ? "dmca" : null, null)));
                added.set(i + 1);
            }
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(failures).as("round " + round).isEmpty();
        }
    }
}
