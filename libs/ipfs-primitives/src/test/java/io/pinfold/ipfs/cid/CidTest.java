package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
    private static final String V1 = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String RAW = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String SHA256_OF_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** A CID's binary form written as hex, in base32 text: for inputs that are bad below the text level. */
    private static String base32Of(String hex) {
        return MultibaseEncoding.BASE32.encode(HEX.parseHex(hex));
    }

    @Test
    void v0AndV1OfTheSameContentShareTheMultihash() {
        Cid v0 = Cid.parse(V0);
        Cid v1 = Cid.parse(V1);

        assertThat(v0.multihash()).isEqualTo(v1.multihash());
        assertThat(v0.multihash().toBase32()).isEqualTo(v1.multihash().toBase32());
        assertThat(v0).isNotEqualTo(v1);
        assertThat(v0.toV1()).isEqualTo(v1);
        assertThat(v1.toV0()).isEqualTo(v0);
        assertThat(v0.toV0()).isSameAs(v0);
        assertThat(v1.toV1()).isSameAs(v1);
        assertThat(v0.toV1().toString()).isEqualTo(V1);
        assertThat(v1.toV0().toString()).isEqualTo(V0);
        assertThat(v0.multihash().toBase58()).isEqualTo(V0);
    }

    @Test
    void theSameMultihashUnderRawIsTheSameContentButNotTheSameCid() {
        Cid dagPb = Cid.parse(V1);
        Cid raw = Cid.parse(RAW);

        assertThat(raw.codec()).isEqualTo(Codec.RAW);
        assertThat(raw.multihash()).isEqualTo(dagPb.multihash());
        assertThat(raw.multihash().hashCode()).isEqualTo(dagPb.multihash().hashCode());
        assertThat(raw).isNotEqualTo(dagPb);
        assertThat(raw).isNotEqualTo(Cid.parse(V0));
    }

    @Test
    void exposesTheParts() {
        Cid cid = Cid.parse(V1);

        assertThat(cid.version()).isEqualTo(1);
        assertThat(cid.codec()).isEqualTo(Codec.DAG_PB);
        assertThat(cid.codec().code()).isEqualTo(0x70);
        assertThat(cid.multihash().functionCode()).isEqualTo(0x12);
        assertThat(cid.multihash().functionName()).isEqualTo("sha2-256");
        assertThat(cid.multihash().digestLength()).isEqualTo(32);
        assertThat(HEX.formatHex(cid.multihash().digest())).isEqualTo(SHA256_OF_EMPTY);
        assertThat(HEX.formatHex(cid.bytes())).isEqualTo("01701220" + SHA256_OF_EMPTY);
        assertThat(HEX.formatHex(Cid.parse(V0).bytes())).isEqualTo("1220" + SHA256_OF_EMPTY);
    }

    // js-multiformats output for bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku in each base.
    @ParameterizedTest
    @ValueSource(strings = {
            "0000000010111000000010010001000001110001110110000110001000100001010011000111111000001110000010100100110101111101111110100110010001001100101101111101110010010010000100111101011100100000111100100011001001001101110010011010011001010010010010101100110010001101101111000010100101011100001010101",
            "f01701220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "F01701220E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
            "BAFYBEIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU",
            "v05o14873m324567s3ga9luvkp2cmve944un43p34je9kp94lj4dngkloak",
            "V05O14873M324567S3GA9LUVKP2CMVE944UN43P34JE9KP94LJ4DNGKLOAK",
            "t05o14873m324567s3ga9luvkp2cmve944un43p34je9kp94lj4dngkloak======",
            "T05O14873M324567S3GA9LUVKP2CMVE944UN43P34JE9KP94LJ4DNGKLOAK======",
            "cafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku======",
            "CAFYBEIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU======",
            "k2jmtxx1epa2wl096hsbpuhrz9xhppklonehzwkmskc9rmeb51kwn4ut",
            "K2JMTXX1EPA2WL096HSBPUHRZ9XHPPKLONEHZWKMSKC9RMEB51KWN4UT",
            "zdj7Wkkhxcu2rsiN6GUyHCLsSLL47kdUNfjbFqBUUhMFTZKBi",
            "mAXASIOOwxEKY/BwUmvv0yJlvuSQnrkHkZJuTTKSVmRt4UrhV",
            "MAXASIOOwxEKY/BwUmvv0yJlvuSQnrkHkZJuTTKSVmRt4UrhV",
            "uAXASIOOwxEKY_BwUmvv0yJlvuSQnrkHkZJuTTKSVmRt4UrhV",
            "UAXASIOOwxEKY_BwUmvv0yJlvuSQnrkHkZJuTTKSVmRt4UrhV",
    })
    void everyMultibaseFormParsesToTheSameCid(String text) {
        Cid cid = Cid.parse(text);

        assertThat(cid).isEqualTo(Cid.parse(V1));
        assertThat(cid.hashCode()).isEqualTo(Cid.parse(V1).hashCode());
        assertThat(cid.toString()).isEqualTo(V1);
    }

    @ParameterizedTest
    @EnumSource(MultibaseEncoding.class)
    void printsInEveryBaseAndParsesBack(MultibaseEncoding base) {
        Cid cid = Cid.parse(V1);
        String text = cid.toString(base);

        assertThat(text.charAt(0)).isEqualTo(base.prefix());
        assertThat(Cid.parse(text)).isEqualTo(cid);
    }

    @Test
    void v0HasOnlyItsBase58Form() {
        assertThatThrownBy(() -> Cid.parse(V0).toString(MultibaseEncoding.BASE32))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a CIDv0 is only written in base58btc without prefix; call toV1() first");
        assertThat(Cid.parse(V0).toString(MultibaseEncoding.BASE58_BTC)).isEqualTo(V0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "  " + V1,
            V1 + "\n",
            "\t" + V1 + " \r\n",
            "\u00a0" + V1 + "\u2003",
            "\ufeff\u200b" + V1 + "\u202f",
    })
    void trimsSurroundingWhitespace(String pasted) {
        assertThat(Cid.parse(pasted)).isEqualTo(Cid.parse(V1));
    }

    @Test
    void readsABinaryCidV0InsideAMultibaseAsKuboDoes() {
        // go-cid (and so Kubo) accepts a multibase-encoded bare sha2-256 multihash as a CIDv0.
        Cid z = Cid.parse("z" + V0);
        Cid b = Cid.parse("b" + Cid.parse(V0).multihash().toBase32());

        assertThat(z).isEqualTo(Cid.parse(V0));
        assertThat(b).isEqualTo(Cid.parse(V0));
        assertThat(b.version()).isZero();
    }

    @Test
    void convertsToV0OnlyWhereLegal() {
        assertThat(Cid.parse(V1).isV0Compatible()).isTrue();
        assertThat(Cid.parse(RAW).isV0Compatible()).isFalse();

        assertThatThrownBy(() -> Cid.parse(RAW).toV0())
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("cannot write as CIDv0: codec is raw, CIDv0 needs dag-pb");
        Cid sha512 = Cid.parse("bafyrgqalgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbq2v5b5i2h5sitlwt7aouez4mwhlpwicfnkh3jwp6eneg3evx3qasm");
        Cid dagPbSha512 = Cid.v1(Codec.DAG_PB, sha512.multihash());
        assertThatThrownBy(dagPbSha512::toV0)
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("cannot write as CIDv0: multihash is sha2-512 of 64 bytes, CIDv0 needs sha2-256 of 32 bytes");
        Multihash short256 = Multihash.of(0x12, new byte[20]);
        assertThatThrownBy(() -> Cid.v0(short256))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("cannot write as CIDv0: multihash is sha2-256 of 20 bytes, CIDv0 needs sha2-256 of 32 bytes");
    }

    @Test
    void buildsFromParts() {
        Multihash multihash = Cid.parse(V0).multihash();

        assertThat(Cid.v0(multihash)).isEqualTo(Cid.parse(V0));
        assertThat(Cid.v1(Codec.DAG_PB, multihash)).isEqualTo(Cid.parse(V1));
        assertThat(Cid.v1(Codec.RAW, multihash)).isEqualTo(Cid.parse(RAW));
        assertThat(Cid.v1(Codec.of(0x55), multihash)).isEqualTo(Cid.parse(RAW));
    }

    @Test
    void anyCodecOfTheMulticodecTableParsesAndUnknownCodesAreReportedByCode() {
        Multihash multihash = Cid.parse(V1).multihash();

        Cid car = Cid.parse(Cid.v1(Codec.of(0x0202), multihash).toString());
        assertThat(car.codec().name()).isEqualTo("car");
        assertThat(car.codec().isKnown()).isTrue();

        Cid gitRaw = Cid.parse(Cid.v1(Codec.of(0x78), multihash).toString());
        assertThat(gitRaw.codec().name()).isEqualTo("git-raw");

        Cid unknown = Cid.parse(Cid.v1(Codec.of(0x3a5f00L), multihash).toString());
        assertThat(unknown.codec().isKnown()).isFalse();
        assertThat(unknown.codec().code()).isEqualTo(0x3a5f00L);
        assertThat(unknown.codec().name()).isEqualTo("0x3a5f00");
        assertThat(unknown.multihash()).isEqualTo(multihash);
    }

    @Test
    void unknownHashFunctionsParseAndAreReportedByCode() {
        Multihash odd = Multihash.of(0x7a11c0deL, new byte[] { 1, 2, 3 });
        Cid cid = Cid.parse(Cid.v1(Codec.RAW, odd).toString());

        assertThat(cid.multihash().functionCode()).isEqualTo(0x7a11c0deL);
        assertThat(cid.multihash().functionName()).isEqualTo("0x7a11c0de");
        assertThat(cid.multihash().digestLength()).isEqualTo(3);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "\n\t " })
    void rejectsEmptyInput(String input) {
        assertThatThrownBy(() -> Cid.parse(input))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not a CID: empty input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "xyz | not a CID: unknown multibase prefix 'x'",
            "/ipfs/" + V1 + " | not a CID: unknown multibase prefix '/'",
            "1220abcd | not a CID: unknown multibase prefix '1'",
            "Zabc | not a CID: multibase base58flickr ('Z') is not supported",
            "9123 | not a CID: multibase base10 ('9') is not supported",
            "7123 | not a CID: multibase base8 ('7') is not supported",
            "hybhskh3ypiosh4jyrr | not a CID: multibase base32z ('h') is not supported",
            "pro-quint | not a CID: multibase proquint ('p') is not supported",
            "b | not a CID: no data after multibase prefix 'b'",
            "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1 | not a CID: CIDv0 must be 46 base58btc characters, got 45",
            "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1nn | not a CID: CIDv0 must be 46 base58btc characters, got 47",
            "Qm | not a CID: CIDv0 must be 46 base58btc characters, got 2",
            "Qm0fTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n | not a CID: invalid base58btc character '0' at position 3",
            "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1l | not a CID: invalid base58btc character 'l' at position 46",
            "QmdfTbBqBPQ7VNxZEYEj14VmR uZBkqFbiwReogJgS1zR1 | not a CID: invalid base58btc character ' ' at position 26",
            "Q1111111111111111111111111111111111111111111111 | not a CID: CIDv0 must be 46 base58btc characters, got 47",
            "Q111111111111111111111111111111111111111111111 | not a CID: CIDv0 must be a 34-byte sha2-256 multihash (Qm...)",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk | not a CID: base32 text of 57 characters does not encode whole bytes",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvy | not a CID: multihash digest is 31 bytes but declares 32",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk1 | not a CID: invalid base32 character '1' at position 59",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykv | not a CID: base32 text ends with non-zero bits after the last byte",
            "zdj7Wkkhxcu2rsiN6GUyHCLsSLL47kdUNfjbFqBUUhMFTZKB0 | not a CID: invalid base58btc character '0' at position 49",
    })
    void rejectsBadTextWithAPreciseMessage(String input, String message) {
        assertThatThrownBy(() -> Cid.parse(input))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "02701220" + SHA256_OF_EMPTY + " | not a CID: unsupported CID version 2",
            "03701220" + SHA256_OF_EMPTY + " | not a CID: unsupported CID version 3",
            "00701220" + SHA256_OF_EMPTY + " | not a CID: unsupported CID version 0",
            "8001701220" + SHA256_OF_EMPTY + " | not a CID: unsupported CID version 128",
            "8100701220" + SHA256_OF_EMPTY + " | not a CID: CID version varint is not minimally encoded",
            "01 | not a CID: data ends before the codec",
            "0170 | not a CID: data ends before the multihash function code",
            "017012 | not a CID: data ends before the multihash digest length",
            "01f0 | not a CID: data ends inside the codec varint",
            "01701220 | not a CID: multihash digest is 0 bytes but declares 32",
            "01701220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8 | not a CID: multihash digest is 31 bytes but declares 32",
            "01701220" + SHA256_OF_EMPTY + "00 | not a CID: 1 trailing byte after the 32-byte multihash digest",
            "01701220" + SHA256_OF_EMPTY + "0000 | not a CID: 2 trailing bytes after the 32-byte multihash digest",
            "01f000" + "1220" + SHA256_OF_EMPTY + " | not a CID: codec varint is not minimally encoded",
            "0170" + "928000" + "20" + SHA256_OF_EMPTY + " | not a CID: multihash function code varint is not minimally encoded",
            "0170" + "12" + "a000" + SHA256_OF_EMPTY + " | not a CID: multihash digest length varint is not minimally encoded",
            "0170" + "12" + "ffffffffffffffffff01" + " | not a CID: multihash digest length varint is longer than 9 bytes",
            "0170" + "12" + "ffffffff0f" + SHA256_OF_EMPTY + " | not a CID: multihash digest is 32 bytes but declares 4294967295",
            "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8 | not a CID: multihash digest is 31 bytes but declares 32",
    })
    void rejectsBadBinaryWithAPreciseMessage(String hex, String message) {
        String text = base32Of(hex);

        assertThatThrownBy(() -> Cid.parse(text))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> Cid.fromBytes(HEX.parseHex(hex)))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @Test
    void errorsCarryTheInputAndNoLibraryDetail() {
        InvalidCidException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidCidException.class,
                () -> Cid.parse("  Zabc "));

        assertThat(error.input()).isEqualTo("  Zabc ");
        assertThat(error.getCause()).isNull();
        assertThat(error.getMessage()).doesNotContain("apicatalog").doesNotContain("Exception").doesNotContain("\n");
        assertThat(error.getStackTrace()).isEmpty();
    }

    @Test
    void errorsKeepLongInputShort() {
        String huge = "x".repeat(10_000);
        InvalidCidException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidCidException.class,
                () -> Cid.parse(huge));

        assertThat(error.getMessage()).isEqualTo("not a CID: unknown multibase prefix 'x'");
        assertThat(error.input()).hasSizeLessThanOrEqualTo(InvalidCidException.MAX_INPUT_KEPT + 1);
    }

    @Test
    void canonicalInputsRoundTrip() {
        for (String text : new String[] { V0, V1, RAW, "bafkqaaa",
                "bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe" }) {
            assertThat(Cid.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void isImmutable() {
        Cid cid = Cid.parse(V1);
        byte[] bytes = cid.bytes();
        bytes[5] ^= 0x7f;
        byte[] digest = cid.multihash().digest();
        digest[0] ^= 0x7f;

        assertThat(cid).isEqualTo(Cid.parse(V1));
        assertThat(cid.toString()).isEqualTo(V1);
    }

    @Test
    void equalityIsOnVersionCodecAndMultihash() {
        Cid cid = Cid.parse(V1);

        assertThat(cid).isEqualTo(cid).isNotEqualTo(null).isNotEqualTo(V1);
        assertThat(Cid.parse(V1.toUpperCase())).isEqualTo(cid);
        assertThat(Cid.v1(Codec.DAG_PB, Multihash.of(0x12, new byte[32]))).isNotEqualTo(cid);
    }
}
