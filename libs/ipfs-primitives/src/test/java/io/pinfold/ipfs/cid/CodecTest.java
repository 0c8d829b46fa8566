package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecTest {

    @ParameterizedTest
    @CsvSource({
            "raw, 0x55", "dag-pb, 0x70", "dag-cbor, 0x71", "dag-json, 0x0129", "dag-jose, 0x85",
            "libp2p-key, 0x72", "json, 0x0200", "cbor, 0x51", "git-raw, 0x78", "car, 0x0202", "ipns-record, 0x0300",
    })
    void namesAndCodesOfTheMulticodecTable(String name, String hex) {
        long code = Long.decode(hex);

        assertThat(Codec.named(name).code()).isEqualTo(code);
        assertThat(Codec.of(code).name()).isEqualTo(name);
        assertThat(Codec.of(code).isKnown()).isTrue();
        assertThat(Codec.of(code)).isEqualTo(Codec.named(name)).hasSameHashCodeAs(Codec.named(name));
    }

    @Test
    void commonCodecsAreSharedConstants() {
        assertThat(Codec.of(0x70)).isSameAs(Codec.DAG_PB);
        assertThat(Codec.of(0x55)).isSameAs(Codec.RAW);
        assertThat(Codec.named("dag-cbor")).isSameAs(Codec.DAG_CBOR);
        assertThat(Codec.of(0x55 + (1L << 32))).isNotEqualTo(Codec.RAW);
    }

    @Test
    void unknownCodesAreShownInHex() {
        Codec codec = Codec.of(0x3a5f00);

        assertThat(codec.isKnown()).isFalse();
        assertThat(codec.name()).isEqualTo("0x3a5f00");
        assertThat(codec).hasToString("0x3a5f00");
    }

    @Test
    void rejectsUnknownNamesAndNegativeCodes() {
        assertThatThrownBy(() -> Codec.named("dag-pbx"))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("unknown codec name 'dag-pbx'");
        assertThatThrownBy(() -> Codec.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codec code must be >= 0, got -1");
    }
}
