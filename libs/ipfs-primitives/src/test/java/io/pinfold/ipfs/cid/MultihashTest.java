package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MultihashTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String SHA256_HEX = "12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47";

    // The multihash spec README example: sha2-256("multihash") in each encoding it lists.
    @ParameterizedTest
    @ValueSource(strings = {
            "QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk",
            "zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk",
            "CCIQJZPAHYP4ZC4SYG2R2UKSYDSRAFEMYVJBAXHMZXQHBGHM7HYWL4RY=",
            "bciqjzpahyp4zc4syg2r2uksydsrafemyvjbaxhmzxqhbghm7hywl4ry",
            "MEiCcvAfD+ZFyWDajqipYHKICkZiqQgudmbwOEx2fPiy+Rw==",
            "f" + SHA256_HEX,
            "  QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk\n",
    })
    void parsesTheSpecExampleInEachForm(String text) {
        Multihash multihash = Multihash.parse(text);

        assertThat(HEX.formatHex(multihash.bytes())).isEqualTo(SHA256_HEX);
        assertThat(multihash.functionName()).isEqualTo("sha2-256");
        assertThat(multihash.toBase58()).isEqualTo("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk");
        assertThat(multihash.toBase32()).isEqualTo("ciqjzpahyp4zc4syg2r2uksydsrafemyvjbaxhmzxqhbghm7hywl4ry");
        assertThat(multihash.toString()).isEqualTo(multihash.toBase32());
    }

    @Test
    void parsesTheSpecSha1Example() {
        Multihash sha1 = Multihash.parse("5dsgvJGnvAfiR3K6HCBc4hcokSfmjj");

        assertThat(HEX.formatHex(sha1.bytes())).isEqualTo("111488c2f11fb2ce392acb5b2986e640211c4690073e");
        assertThat(sha1.functionName()).isEqualTo("sha1");
        assertThat(Multihash.parse("CCEKIRQXRD6ZM4OJKZNNSTBXGIAQRYRUQA47A====")).isEqualTo(sha1);
        assertThat(Multihash.parse("MERSIwvEfss45KstbKYbmQCEcRpAHPg==")).isEqualTo(sha1);
    }

    // multiformats/multihash tests/values/test_cases.csv: truncated digests keep their declared length.
    @ParameterizedTest
    @CsvSource({
            "110ada39a3ee5e6b4b0d3255, sha1, 10",
            "1114da39a3ee5e6b4b0d3255bfef95601890afd80709, sha1, 20",
            "120ae3b0c44298fc1c149afb, sha2-256, 10",
            "1214e3b0c44298fc1c149afbf4c8996fb92427ae41e4, sha2-256, 20",
            "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, sha2-256, 32",
            "130acf83e1357eefb8bdf154, sha2-512, 10",
            "1340cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e, sha2-512, 64",
            "1420a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6, sha3-512, 32",
    })
    void readsTheSpecTestCases(String hex, String function, int digestLength) {
        Multihash multihash = Multihash.fromBytes(HEX.parseHex(hex));

        assertThat(multihash.functionName()).isEqualTo(function);
        assertThat(multihash.digestLength()).isEqualTo(digestLength);
        assertThat(HEX.formatHex(multihash.bytes())).isEqualTo(hex);
        assertThat(Multihash.of(multihash.functionCode(), multihash.digest())).isEqualTo(multihash);
        assertThat(Multihash.fromBase32(multihash.toBase32())).isEqualTo(multihash);
        assertThat(Multihash.parse(multihash.toBase58())).isEqualTo(multihash);
    }

    @Test
    void identityHashesAreAllowed() {
        Multihash empty = Multihash.of(0x00, new byte[0]);
        Multihash hello = Multihash.of(0x00, "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(empty.isIdentity()).isTrue();
        assertThat(empty.toBase32()).isEqualTo("aaaa");
        assertThat(empty.functionName()).isEqualTo("identity");
        assertThat(hello.digestLength()).isEqualTo(11);
        assertThat(hello).isEqualTo(Cid.parse("bafkqac3imvwgy3zao5xxe3de").multihash());
        assertThat(Multihash.parse(hello.toBase58())).isEqualTo(hello);
    }

    @Test
    void equalityIsOnTheBytes() {
        Multihash a = Multihash.fromBytes(HEX.parseHex(SHA256_HEX));
        Multihash b = Multihash.parse("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Multihash.of(0x13, a.digest()));
        assertThat(a).isNotEqualTo(Multihash.of(0x12, new byte[32]));
        assertThat(a).isNotEqualTo(null).isNotEqualTo(SHA256_HEX);
    }

    @Test
    void isImmutable() {
        byte[] source = HEX.parseHex(SHA256_HEX);
        Multihash multihash = Multihash.fromBytes(source);
        source[3] ^= 0x7f;
        multihash.bytes()[3] ^= 0x7f;
        multihash.digest()[0] ^= 0x7f;

        assertThat(HEX.formatHex(multihash.bytes())).isEqualTo(SHA256_HEX);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void rejectsEmptyInput(String text) {
        assertThatThrownBy(() -> Multihash.parse(text)).isInstanceOf(InvalidCidException.class)
                .hasMessage("not a multihash: empty input");
        assertThatThrownBy(() -> Multihash.fromBase32(text)).isInstanceOf(InvalidCidException.class)
                .hasMessage("not a multihash: empty input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Qm0tUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk | not a multihash: invalid base58btc character '0' at position 3",
            "bciqjzpahyp4zc4syg2r2uksydsrafemyvjbaxhmzxqhbghm7hywl4 | not a multihash: multihash digest is 31 bytes but declares 32",
            "bciqjzpahyp4zc4syg2r2uksydsrafemyvjbaxhmzxqhbghm7hywl4r | not a multihash: base32 text of 54 characters does not encode whole bytes",
    })
    void rejectsBadTextWithAPreciseMessage(String text, String message) {
        assertThatThrownBy(() -> Multihash.parse(text))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "12 | not a multihash: data ends before the multihash digest length",
            "1221" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | not a multihash: multihash digest is 32 bytes but declares 33",
            "1220" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855ff | not a multihash: 1 trailing byte after the 32-byte multihash digest",
            "80 | not a multihash: data ends inside the multihash function code varint",
    })
    void rejectsBadBytesWithAPreciseMessage(String hex, String message) {
        assertThatThrownBy(() -> Multihash.fromBytes(HEX.parseHex(hex)))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @Test
    void fromBase32RejectsWhatIsNotTheCanonicalForm() {
        assertThatThrownBy(() -> Multihash.fromBase32("bciqjzpahyp4zc4syg2r2uksydsrafemyvjbaxhmzxqhbghm7hywl4ry"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessageStartingWith("not a multihash: ");
        assertThatThrownBy(() -> Multihash.fromBase32("CIQJZPAHYP4ZC4SYG2R2UKSYDSRAFEMYVJBAXHMZXQHBGHM7HYWL4RY"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not a multihash: invalid base32 character 'C' at position 1");
    }

    @Test
    void rejectsNegativeOrMissingParts() {
        assertThatThrownBy(() -> Multihash.of(-1, new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multihash function code must be >= 0, got -1");
        assertThatThrownBy(() -> Multihash.of(0x12, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("digest");
    }
}
