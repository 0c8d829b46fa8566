package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style: random multihashes under random codecs, written in every base, parse back to the
 * same value. Fixed seeds keep failures reproducible; the seed is in the test name.
 */
class RandomRoundTripTest {

    // Hash functions met in practice, mixed with random codes below.
    private static final long[] COMMON_HASHES = { 0x00, 0x11, 0x12, 0x13, 0x14, 0x16, 0x1e, 0x22, 0xb220, 0xb240, 0x1012 };
    private static final long[] COMMON_CODECS = { 0x55, 0x70, 0x71, 0x0129, 0x85, 0x72, 0x0200, 0x51, 0x78 };

    private static long pick(Random random, long[] common, long bound) {
        return random.nextInt(4) == 0 ? (random.nextLong() & Long.MAX_VALUE) % bound : common[random.nextInt(common.length)];
    }

    private static Multihash randomMultihash(Random random, long codeBound) {
        long code = pick(random, COMMON_HASHES, codeBound);
        byte[] digest = new byte[random.nextInt(140)];
        random.nextBytes(digest);
        return Multihash.of(code, digest);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 2, 3, 42, 2024, 0xc1d })
    void cidsRoundTripInEveryBase(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            Multihash multihash = randomMultihash(random, Long.MAX_VALUE);
            Codec codec = Codec.of(pick(random, COMMON_CODECS, 1L << 40));
            Cid cid = Cid.v1(codec, multihash);

            for (MultibaseEncoding base : MultibaseEncoding.values()) {
                String text = cid.toString(base);
                Cid parsed = Cid.parse(text);

                assertThat(parsed).as("round %d, %s: %s", round, base, text).isEqualTo(cid);
                assertThat(parsed.multihash().toBase32()).isEqualTo(multihash.toBase32());
            }
            assertThat(Cid.parse(cid.toString()).toString()).isEqualTo(cid.toString());
            assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
            if (cid.isV0Compatible()) {
                assertThat(Cid.parse(cid.toV0().toString()).toV1()).isEqualTo(cid);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 7, 8, 9, 1234 })
    void multihashesRoundTripInEveryForm(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            Multihash multihash = randomMultihash(random, 1L << 62);

            assertThat(Multihash.fromBase32(multihash.toBase32())).isEqualTo(multihash);
            assertThat(Multihash.fromBytes(multihash.bytes())).isEqualTo(multihash);
            for (MultibaseEncoding base : MultibaseEncoding.values()) {
                assertThat(Multihash.parse(base.encode(multihash.bytes()))).as("round %d, %s", round, base).isEqualTo(multihash);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 11, 12 })
    void bareBase58OfCommonHashesRoundTrips(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            Multihash multihash = Multihash.of(COMMON_HASHES[random.nextInt(COMMON_HASHES.length)], randomDigest(random));
            String base58 = multihash.toBase58();

            assertThat(Multihash.parse(base58)).as(base58).isEqualTo(multihash);
        }
    }

    private static byte[] randomDigest(Random random) {
        byte[] digest = new byte[1 + random.nextInt(64)];
        random.nextBytes(digest);
        return digest;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 21, 22 })
    void corruptedTextIsRejectedOrParsesToSomethingElseNeverCrashes(long seed) {
        // Flipping one character must give a precise InvalidCidException or a different valid CID, never another exception.
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            Cid cid = Cid.v1(Codec.of(pick(random, COMMON_CODECS, 1L << 20)), randomMultihash(random, 1L << 20));
            MultibaseEncoding base = MultibaseEncoding.values()[random.nextInt(MultibaseEncoding.values().length)];
            char[] text = cid.toString(base).toCharArray();
            int at = random.nextInt(text.length);
            text[at] = (char) (32 + random.nextInt(95));
            String corrupted = new String(text);
            try {
                Cid.parse(corrupted);
            } catch (InvalidCidException expected) {
                assertThat(expected.getMessage()).startsWith("not a CID: ").doesNotContain("Exception");
            }
        }
    }
}
