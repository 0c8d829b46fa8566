package io.pinfold.events.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors were computed outside this code (Python hashlib and its own base encoders) and agree with
 * Kubo's {@code ipfs cid format -f %M -b base32}: every form of one content gives one multihash.
 */
class CidShapeTest {

    private static final String HELLO = "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry";
    private static final String BLAKE2B = "udsaeiaf7vitvuvw24dabjxle3qlpfuxudyjtvcqw73ie443h6nxsxgzta";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // raw sha2-256 of "hello world\n" in every base
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4, " + HELLO,
            "BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4, " + HELLO,
            "zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY, " + HELLO,
            "k2cwuecvan95uqzq14dj3a18wx6av6tgr73nxvopxn3j5kvyr0apys7b, " + HELLO,
            "f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447, " + HELLO,
            "F01551220A948904F2F0F479B8F8197694B30184B0D2ED1C1CD2A1EC0FB85D299A192A447, " + HELLO,
            "uAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH, " + HELLO,
            "mAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH, " + HELLO,
            // the same multihash as CIDv0 and as dag-pb CIDv1: same content for blocking and keys
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp, " + HELLO,
            "bafybeifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4, " + HELLO,
            "zdj7Wgpi9yzsvjJerghrdhPFpe1p1jZFyB5GKLyXEzFQyaxVk, " + HELLO,
            "k2jmtxvl02mbzbkbljwbiar9kgfg1lv6qtf3jcrzgy3frhsdtdhnpljb, " + HELLO,
            // dag-cbor with blake2b-256 (multi-byte varint hash code)
            "bafy2bzaceac72uj22k3nobqau3vsnyfxs2l2b4ez2rilp5ucoont7g3zltmzq, " + BLAKE2B,
            "zDPWYqFCr7GMVkFbRHpGRqE2T3GhqRgTdbuT5RiDFArzbq18W9Vh, " + BLAKE2B,
            "k3l9cyb69pz578aqu7u6fvtwgu9mjbuzpms2c15uwcqiwl0nk95c3scjwyg, " + BLAKE2B,
            "mAXGg5AIgBf1ROtK21wYApusm4LeWl6DwmdRQt/aCc5s/m3lc2Zg, " + BLAKE2B,
            "uAXGg5AIgBf1ROtK21wYApusm4LeWl6DwmdRQt_aCc5s_m3lc2Zg, " + BLAKE2B,
            // identity multihash of "hello"
            "bafkqablimvwgy3y, aacwqzlmnrxq",
            "zz38RSTEEJSA, aacwqzlmnrxq",
    })
    void everyFormOfOneContentHasOneMultihash(String cid, String multihash) {
        assertThat(CidShape.problem(cid)).isEmpty();
        assertThat(CidShape.multihashBase32(cid)).isEqualTo(multihash);
        assertThat(CidShape.multihashProblem(multihash)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''|not a CID: empty",
            "xafkreifjjcie|not a CID: unknown multibase prefix 'x'",
            "' bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'|not a CID: unknown multibase prefix ' '",
            "b|not a CID: nothing after the multibase prefix 'b'",
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24K|not a CID: a CIDv0 (Qm…) has 46 characters, this one has 45",
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24K0|not a CID: '0' is not a base58btc character",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei8|not a CID: '8' is not a base32 character",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2d|not a CID: the multihash announces a 32-byte digest but 29 bytes follow",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4aaaa|not a CID: the multihash announces a 32-byte digest but 34 bytes follow",
            "bciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry|not a CID: unsupported CID version 18 (a CIDv0 is written in base58btc without prefix, Qm…)",
            "f02551220|not a CID: unsupported CID version 2",
            "f0155|not a CID: ends inside the multihash code",
            "f01ff|not a CID: ends inside the codec",
            "f015|not a CID: base16 text must have an even number of characters",
            "u!!!!|not a CID: not valid base64url (Illegal base64 character 21)",
    })
    void namesTheStructuralProblem(String text, String problem) {
        assertThat(CidShape.problem(text)).contains(problem);
        assertThatThrownBy(() -> CidShape.multihashBase32(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''|not a multihash: empty",
            "CIQKSSEQJ4XQ6R43R6AZO2KLGAMEWDJO2HA42KQ6YD5YLUUZUGJKIRY|not a multihash: 'C' is not a lower-case base32 character",
            "bciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry|not a multihash: the multihash announces a 657-byte digest but 32 bytes follow",
            "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjki|not a multihash: the multihash announces a 32-byte digest but 31 bytes follow",
    })
    void namesTheMultihashProblem(String text, String problem) {
        assertThat(CidShape.multihashProblem(text)).contains(problem);
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, my", "fo, mzxq", "foo, mzxw6", "foob, mzxw6yq", "fooba, mzxw6ytb", "foobar, mzxw6ytboi"})
    void encodesBase32AsRfc4648LowerCaseWithoutPadding(String input, String base32) {
        assertThat(CidShape.encodeBase32(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo(base32);
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongTextBeforeDecoding() {
        assertThat(CidShape.problem("z" + "2".repeat(600))).contains("not a CID: longer than 512 characters");
    }
}
