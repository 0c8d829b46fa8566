package io.pinfold.events.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
            // a CIDv0's bytes in a multibase: read as that CIDv0, as go-cid (so Kubo) does
            "bciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry, " + HELLO,
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
            "''|not a CID: empty input",
            "xafkreifjjcie|not a CID: unknown multibase prefix 'x'",
            "' bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'|not a CID: starts with white space (U+0020)",
            "'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\u00a0'|not a CID: ends with white space (U+00A0)",
            "'\u200bbafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'|not a CID: starts with white space (U+200B)",
            "b|not a CID: no data after multibase prefix 'b'",
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24K|not a CID: CIDv0 must be 46 base58btc characters, got 45",
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24K0|not a CID: invalid base58btc character '0' at position 46",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei8|not a CID: invalid base32 character '8' at position 59",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2d|not a CID: base32 text ends with non-zero bits after the last byte",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2deve|not a CID: multihash digest is 31 bytes but declares 32",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4aaaa|not a CID: base32 text of 62 characters does not encode whole bytes",
            "f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a44700|not a CID: 1 trailing byte after the 32-byte multihash digest",
            "f02551220|not a CID: unsupported CID version 2",
            "f0155|not a CID: data ends before the multihash function code",
            "f01ff|not a CID: data ends inside the codec varint",
            "f015|not a CID: base16 text of 3 characters does not encode whole bytes",
            "u!!!!|not a CID: invalid base64url character '!' at position 2",
    })
    void namesTheStructuralProblem(String text, String problem) {
        assertThat(CidShape.problem(text)).contains(problem);
        assertThatThrownBy(() -> CidShape.multihashBase32(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''|not a multihash: empty input",
            "CIQKSSEQJ4XQ6R43R6AZO2KLGAMEWDJO2HA42KQ6YD5YLUUZUGJKIRY|not a multihash: invalid base32 character 'C' at position 1",
            "bciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry|not a multihash: multihash digest is 32 bytes but declares 657",
            "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjki|not a multihash: multihash digest is 31 bytes but declares 32",
            "'ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry '|not a multihash: ends with white space (U+0020)",
    })
    void namesTheMultihashProblem(String text, String problem) {
        assertThat(CidShape.multihashProblem(text)).contains(problem);
    }

    @Test
    void refusesOverlongTextBeforeDecoding() {
        assertThat(CidShape.problem("z" + "2".repeat(600))).contains("not a CID: longer than 512 characters");
        assertThat(CidShape.multihashProblem("a".repeat(513))).contains("not a multihash: longer than 512 characters");
    }
}
