package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/**
 * The allocation-free ways a lookup takes give exactly what the general ways give: the legacy anchor key against
 * DoubleHashes + DoubleHashFunction, the already-normal path shortcut against decode-split-join. Random inputs from
 * small alphabets, so dots, slashes, escapes and multibyte letters meet in every arrangement.
 */
class FastPathsAgreeTest {

    private static final Codec[] CODECS = { Codec.RAW, Codec.DAG_PB, Codec.DAG_CBOR, Codec.LIBP2P_KEY, Codec.DAG_JSON, Codec.of(0x300001) };
    private static final String[] PIECES = { "a", "b", "é", "€", "😀", ".", "..", "/", "/", "%20", "%2F", "%", "~", "+", " " };

    @Test
    void legacyAnchorKeysEqualTheGeneralDoubleHash() {
        SplittableRandom random = new SplittableRandom(383);
        for (int round = 0; round < 5_000; round++) {
            byte[] digest = new byte[random.nextInt(1, 65)];
            random.nextBytes(digest);
            Multihash multihash = Multihash.of(random.nextBoolean() ? 0x12 : 0x13, digest);
            Codec codec = CODECS[random.nextInt(CODECS.length)];
            String path = round % 3 == 0 ? "" : randomPath(random).replaceFirst("^/", "");
            byte[] expected = DoubleHashFunction.SHA2_256.hash(DoubleHashes.legacy(Cid.v1(codec, multihash), path)).bytes();
            byte[] actual = LegacyAnchor.get().key(codec, multihash.bytes(), path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(actual).as("%s %s '%s'", codec, multihash, path).isEqualTo(expected);
        }
    }

    @Test
    void theAlreadyNormalShortcutGivesWhatNormalisingGives() {
        SplittableRandom random = new SplittableRandom(7);
        int shortcuts = 0;
        for (int round = 0; round < 50_000; round++) {
            String raw = randomPath(random);
            String general;
            try {
                general = PathText.normalizeSegments(raw);
            } catch (IllegalArgumentException e) {
                assertThat(PathText.alreadyNormal(raw)).as(raw).isFalse();
                assertThatThrownBy(() -> PathText.normalize(raw)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            if (PathText.alreadyNormal(raw)) {
                shortcuts++;
            }
            assertThat(PathText.normalize(raw)).as(raw).isEqualTo(general);
        }
        assertThat(shortcuts).as("the shortcut was taken often enough to be tested").isGreaterThan(1_000);
    }

    private static String randomPath(SplittableRandom random) {
        StringBuilder path = new StringBuilder("/");
        int pieces = random.nextInt(0, 8);
        for (int i = 0; i < pieces; i++) {
            path.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return path.toString();
    }
}
