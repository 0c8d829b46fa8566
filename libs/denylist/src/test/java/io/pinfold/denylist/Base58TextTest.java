package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Multihash;

/** Our base58btc writer gives the same text as copper-multibase's for any bytes, leading zeros included. */
class Base58TextTest {

    @Test
    void writesWhatCopperMultibaseWrites() {
        Random random = new Random(58);
        for (int round = 0; round < 5_000; round++) {
            byte[] digest = new byte[random.nextInt(70)];
            random.nextBytes(digest);
            for (int i = 0; i < digest.length && random.nextInt(4) == 0; i++) {
                digest[i] = 0;
            }
            Multihash multihash = Multihash.of(random.nextBoolean() ? 0 : 0x12, digest);
            assertThat(Base58Text.encode(multihash.bytes())).isEqualTo(multihash.toBase58());
        }
        assertThat(Base58Text.encode(new byte[] { 0, 0 })).isEqualTo("11");
        assertThat(Base58Text.encode(new byte[0])).isEmpty();
    }
}
