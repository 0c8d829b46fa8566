package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Test vectors of the multibase spec (multiformats/multibase tests/*.csv), for the bases Pinfold decodes. */
class MultibaseEncodingTest {

    private static byte[] bytes(String s) {
        return s.replace("\\x00", "\u0000").getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource({
            // basic.csv: "yes mani !"
            "yes mani !, 001111001011001010111001100100000011011010110000101101110011010010010000000100001",
            "yes mani !, f796573206d616e692021",
            "yes mani !, F796573206D616E692021",
            "yes mani !, bpfsxgidnmfxgsibb",
            "yes mani !, BPFSXGIDNMFXGSIBB",
            "yes mani !, vf5in683dc5n6i811",
            "yes mani !, VF5IN683DC5N6I811",
            "yes mani !, cpfsxgidnmfxgsibb",
            "yes mani !, CPFSXGIDNMFXGSIBB",
            "yes mani !, tf5in683dc5n6i811",
            "yes mani !, TF5IN683DC5N6I811",
            "yes mani !, k2lcpzo5yikidynfl",
            "yes mani !, K2LCPZO5YIKIDYNFL",
            "yes mani !, z7paNL19xttacUY",
            "yes mani !, meWVzIG1hbmkgIQ",
            "yes mani !, MeWVzIG1hbmkgIQ==",
            "yes mani !, ueWVzIG1hbmkgIQ",
            "yes mani !, UeWVzIG1hbmkgIQ==",
            // leading_zero.csv: "\x00yes mani !"
            "\\x00yes mani !, 00000000001111001011001010111001100100000011011010110000101101110011010010010000000100001",
            "\\x00yes mani !, f00796573206d616e692021",
            "\\x00yes mani !, F00796573206D616E692021",
            "\\x00yes mani !, bab4wk4zanvqw42jaee",
            "\\x00yes mani !, BAB4WK4ZANVQW42JAEE",
            "\\x00yes mani !, v01smasp0dlgmsq9044",
            "\\x00yes mani !, V01SMASP0DLGMSQ9044",
            "\\x00yes mani !, cab4wk4zanvqw42jaee======",
            "\\x00yes mani !, CAB4WK4ZANVQW42JAEE======",
            "\\x00yes mani !, t01smasp0dlgmsq9044======",
            "\\x00yes mani !, T01SMASP0DLGMSQ9044======",
            "\\x00yes mani !, k02lcpzo5yikidynfl",
            "\\x00yes mani !, K02LCPZO5YIKIDYNFL",
            "\\x00yes mani !, z17paNL19xttacUY",
            "\\x00yes mani !, mAHllcyBtYW5pICE",
            "\\x00yes mani !, MAHllcyBtYW5pICE=",
            "\\x00yes mani !, uAHllcyBtYW5pICE",
            "\\x00yes mani !, UAHllcyBtYW5pICE=",
            // two_leading_zeros.csv: "\x00\x00yes mani !"
            "\\x00\\x00yes mani !, f0000796573206d616e692021",
            "\\x00\\x00yes mani !, baaahszltebwwc3tjeaqq",
            "\\x00\\x00yes mani !, BAAAHSZLTEBWWC3TJEAQQ",
            "\\x00\\x00yes mani !, v0007ipbj41mm2rj940gg",
            "\\x00\\x00yes mani !, caaahszltebwwc3tjeaqq====",
            "\\x00\\x00yes mani !, t0007ipbj41mm2rj940gg====",
            "\\x00\\x00yes mani !, k002lcpzo5yikidynfl",
            "\\x00\\x00yes mani !, K002LCPZO5YIKIDYNFL",
            "\\x00\\x00yes mani !, z117paNL19xttacUY",
            "\\x00\\x00yes mani !, mAAB5ZXMgbWFuaSAh",
            "\\x00\\x00yes mani !, MAAB5ZXMgbWFuaSAh",
            "\\x00\\x00yes mani !, uAAB5ZXMgbWFuaSAh",
            "\\x00\\x00yes mani !, UAAB5ZXMgbWFuaSAh",
    })
    void decodesAndEncodesTheSpecVectors(String plain, String encoded) {
        MultibaseEncoding base = MultibaseEncoding.forPrefix(encoded.charAt(0)).orElseThrow();

        assertThat(base.decode(encoded, 1, "not a CID")).isEqualTo(bytes(plain));
        assertThat(base.encode(bytes(plain))).isEqualTo(encoded);
    }

    // case_insensitivity.csv: "hello world", mixed case must decode without errors.
    @ParameterizedTest
    @CsvSource({
            "f68656c6c6f20776F726C64",
            "F68656c6c6f20776F726C64",
            "bnbswy3dpeB3W64TMMQ",
            "Bnbswy3dpeB3W64TMMQ",
            "vd1imor3f41RMUSJCCG",
            "Vd1imor3f41RMUSJCCG",
            "cnbswy3dpeB3W64TMMQ======",
            "Cnbswy3dpeB3W64TMMQ======",
            "td1imor3f41RMUSJCCG======",
            "Td1imor3f41RMUSJCCG======",
            "kfUvrsIvVnfRbjWaJo",
            "KfUVrSIVVnFRbJWAJo",
    })
    void caseInsensitiveBasesAcceptMixedCase(String encoded) {
        MultibaseEncoding base = MultibaseEncoding.forPrefix(encoded.charAt(0)).orElseThrow();

        assertThat(new String(base.decode(encoded, 1, "not a CID"), StandardCharsets.US_ASCII)).isEqualTo("hello world");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bafy1eib        | not a CID: invalid base32 character '1' at position 5",
            "BAFY=EIB        | not a CID: invalid base32upper character '=' at position 5",
            "zQm0            | not a CID: invalid base58btc character '0' at position 4",
            "zQmI            | not a CID: invalid base58btc character 'I' at position 4",
            "kabc-           | not a CID: invalid base36 character '-' at position 5",
            "f01x2           | not a CID: invalid base16 character 'x' at position 4",
            "f017            | not a CID: base16 text of 3 characters does not encode whole bytes",
            "mAX-            | not a CID: invalid base64 character '-' at position 4",
            "uAX+            | not a CID: invalid base64url character '+' at position 4",
            "mA/_            | not a CID: invalid base64 character '_' at position 4",
            "bafybei         | not a CID: base32 text of 6 characters does not encode whole bytes",
            "bafybeib        | not a CID: base32 text ends with non-zero bits after the last byte",
            "mAXASIA=        | not a CID: invalid base64 character '=' at position 8",
            "mAXASI          | not a CID: base64 text of 5 characters does not encode whole bytes",
            "mAXASIB         | not a CID: base64 text ends with non-zero bits after the last byte",
            "MAXASIA         | not a CID: base64pad text must be a multiple of 4 characters, got 6",
            "MAXASIAAA====   | not a CID: base64pad text has too many '=' padding characters",
            "cab4wk4zanvqw42jaee | not a CID: base32pad text must be a multiple of 8 characters, got 18",
            "cpfsx=gi        | not a CID: invalid base32pad character '=' at position 6",
            "0101            | not a CID: base2 text of 3 characters does not encode whole bytes",
            "01010101012     | not a CID: invalid base2 character '2' at position 11",
            "bafy\u00e9      | not a CID: invalid base32 character '\u00e9' at position 5",
    })
    void rejectsBadTextWithAPreciseMessage(String encoded, String message) {
        MultibaseEncoding base = MultibaseEncoding.forPrefix(encoded.charAt(0)).orElseThrow();

        assertThatThrownBy(() -> base.decode(encoded, 1, "not a CID"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @Test
    void namesAControlCharacterByItsCodePoint() {
        assertThatThrownBy(() -> MultibaseEncoding.BASE32.decode("bafy\u0007", 1, "not a CID"))
                .hasMessage("not a CID: invalid base32 character U+0007 at position 5");
    }

    @Test
    void reportsAnEmojiAsOneCharacter() {
        assertThatThrownBy(() -> MultibaseEncoding.BASE32.decode("bafy\uD83D\uDE80", 1, "not a CID"))
                .hasMessage("not a CID: invalid base32 character '\uD83D\uDE80' at position 5");
    }

    @Test
    void knowsEachPrefix() {
        Set<Character> prefixes = new java.util.HashSet<>();
        for (MultibaseEncoding base : MultibaseEncoding.values()) {
            assertThat(MultibaseEncoding.forPrefix(base.prefix())).contains(base);
            assertThat(prefixes.add(base.prefix())).as("prefix %s is unique", base.prefix()).isTrue();
        }
        assertThat(MultibaseEncoding.forPrefix('x')).isEmpty();
        assertThat(MultibaseEncoding.forPrefix('Q')).isEmpty();
        assertThat(MultibaseEncoding.forPrefix('\u00e9')).isEmpty();
    }

    // Random bytes, with leading zeros now and then, survive every base both ways.
    @ParameterizedTest
    @EnumSource(MultibaseEncoding.class)
    void randomBytesRoundTrip(MultibaseEncoding base) {
        Random random = new Random(0x5eed + base.ordinal());
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[1 + random.nextInt(80)];
            random.nextBytes(data);
            if (round % 5 == 0) {
                data[0] = 0;
            }
            if (round % 10 == 0 && data.length > 1) {
                data[1] = 0;
            }
            String text = base.encode(data);

            assertThat(text.charAt(0)).isEqualTo(base.prefix());
            assertThat(base.decode(text, 1, "not a CID")).as("round %d: %s", round, text).isEqualTo(data);
        }
    }

    @Test
    void encodesUpperCaseOnlyForUpperCaseBases() {
        byte[] data = bytes("yes mani !");
        for (MultibaseEncoding base : EnumSet.of(MultibaseEncoding.BASE16_UPPER, MultibaseEncoding.BASE32_UPPER,
                MultibaseEncoding.BASE32_HEX_UPPER, MultibaseEncoding.BASE32_PAD_UPPER,
                MultibaseEncoding.BASE32_HEX_PAD_UPPER, MultibaseEncoding.BASE36_UPPER)) {
            String body = base.encode(data).substring(1);
            assertThat(body).isEqualTo(body.toUpperCase());
        }
    }

    @Test
    void longDataIsEncodedOnOneLine() {
        byte[] data = new byte[200];
        for (MultibaseEncoding base : MultibaseEncoding.values()) {
            assertThat(base.encode(data)).doesNotContain("\r").doesNotContain("\n");
        }
    }
}
