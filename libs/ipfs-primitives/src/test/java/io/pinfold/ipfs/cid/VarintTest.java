package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    private static final HexFormat HEX = HexFormat.of();

    // Examples from the multiformats unsigned-varint spec, plus the 9-byte maximum.
    @ParameterizedTest
    @CsvSource({
            "00, 0",
            "01, 1",
            "7f, 127",
            "8001, 128",
            "ff01, 255",
            "ac02, 300",
            "808001, 16384",
            "ffffffffffffffff7f, 9223372036854775807",
    })
    void decodesAndEncodesTheSpecExamples(String hex, long value) {
        byte[] bytes = HEX.parseHex(hex);

        assertThat(Varint.read(bytes, 0, "not a CID", "codec")).isEqualTo(value);
        assertThat(Varint.length(value)).isEqualTo(bytes.length);

        byte[] written = new byte[bytes.length];
        assertThat(Varint.write(value, written, 0)).isEqualTo(bytes.length);
        assertThat(written).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({
            "aa01ac02, 2, 300",
            "0155, 1, 85",
    })
    void readsAtAnOffset(String hex, int offset, long value) {
        assertThat(Varint.read(HEX.parseHex(hex), offset, "not a CID", "codec")).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "8000               | not a CID: codec varint is not minimally encoded",
            "8100               | not a CID: codec varint is not minimally encoded",
            "ff8000             | not a CID: codec varint is not minimally encoded",
            "80                 | not a CID: data ends inside the codec varint",
            "ffff               | not a CID: data ends inside the codec varint",
            "ffffffffffffffff80 | not a CID: codec varint is longer than 9 bytes",
            "ffffffffffffffffff01 | not a CID: codec varint is longer than 9 bytes",
    })
    void rejectsMalformedVarints(String hex, String message) {
        assertThatThrownBy(() -> Varint.read(HEX.parseHex(hex), 0, "not a CID", "codec"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({ "0", "1", "5" })
    void rejectsMissingData(int offset) {
        byte[] bytes = new byte[offset];
        assertThatThrownBy(() -> Varint.read(bytes, offset, "not a multihash", "digest length"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not a multihash: data ends before the digest length");
    }
}
