package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Random CIDs (random hash functions, digest lengths 0-69, codecs known and unknown) written by
 * js-multiformats 13.4.2, the reference implementation, in each of our 18 bases: we must read each
 * one as js does and print the same canonical form.
 */
class CrossImplementationTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/js-multiformats-random-cids.psv", delimiter = '|')
    void readsWhatTheReferenceImplementationWrites(String text, String canonical, String multihashKey) {
        Cid cid = Cid.parse(text);

        assertThat(cid.toString()).isEqualTo(canonical);
        assertThat(cid.multihash().toBase32()).isEqualTo(multihashKey);
        assertThat(Multihash.fromBase32(multihashKey)).isEqualTo(cid.multihash());
        MultibaseEncoding base = MultibaseEncoding.forPrefix(text.charAt(0)).orElseThrow();
        assertThat(cid.toString(base)).isEqualTo(text);
    }
}
