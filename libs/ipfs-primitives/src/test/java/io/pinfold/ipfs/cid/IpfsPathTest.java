package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpfsPathTest {

    private static final String V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
    private static final String V1 = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    @ParameterizedTest
    @ValueSource(strings = {
            "/ipfs/" + V1,
            "/ipfs/" + V1 + "/",
            "ipfs://" + V1,
            "IPFS://" + V1 + "/",
            V1,
            "  /ipfs/" + V1 + "\n",
            "ipfs://" + V1 + "?filename=x.txt",
            "/ipfs/" + V1 + "#top",
    })
    void parsesARootCid(String text) {
        IpfsPath path = IpfsPath.parse(text);

        assertThat(path.root()).isEqualTo(Cid.parse(V1));
        assertThat(path.segments()).isEmpty();
        assertThat(path.toString()).isEqualTo("/ipfs/" + V1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/ipfs/" + V1 + "/wiki/index.html | wiki,index.html",
            "ipfs://" + V1 + "/wiki/index.html | wiki,index.html",
            V1 + "/wiki/index.html | wiki,index.html",
            "/ipfs/" + V1 + "/a%20b/c%2Bd+e | a b,c+d+e",
            "/ipfs/" + V1 + "//a/./b/ | a,b",
            "/ipfs/" + V1 + "/%E2%9C%93/\u00e9t\u00e9 | \u2713,\u00e9t\u00e9",
            "/ipfs/" + V1 + "/a...b/.hidden | a...b,.hidden",
            "ipfs://" + V1 + "/a/b?x=/../..#/.. | a,b",
    })
    void parsesSegments(String text, String segments) {
        IpfsPath path = IpfsPath.parse(text);

        assertThat(path.root()).isEqualTo(Cid.parse(V1));
        assertThat(path.segments()).containsExactlyElementsOf(List.of(segments.split(",")));
    }

    @Test
    void keepsACidV0RootAsWritten() {
        IpfsPath path = IpfsPath.parse("/ipfs/" + V0 + "/readme");

        assertThat(path.root().version()).isZero();
        assertThat(path.root().multihash()).isEqualTo(Cid.parse(V1).multihash());
        assertThat(path.toString()).isEqualTo("/ipfs/" + V0 + "/readme");
    }

    @Test
    void printsACanonicalPathThatParsesBack() {
        IpfsPath path = IpfsPath.parse("ipfs://" + V1.toUpperCase() + "/a%20b/%E2%9C%93/50%25/x%3Fy%23z");

        assertThat(path.toString()).isEqualTo("/ipfs/" + V1 + "/a%20b/%E2%9C%93/50%25/x%3Fy%23z");
        assertThat(IpfsPath.parse(path.toString())).isEqualTo(path).hasSameHashCodeAs(path);
    }

    @Test
    void buildsFromParts() {
        IpfsPath path = IpfsPath.of(Cid.parse(V1), List.of("a b", "c"));

        assertThat(path.toString()).isEqualTo("/ipfs/" + V1 + "/a%20b/c");
        assertThat(path).isEqualTo(IpfsPath.parse("/ipfs/" + V1 + "/a b/c"));
        assertThat(path).isNotEqualTo(IpfsPath.parse("/ipfs/" + V1 + "/a b"));
        assertThatThrownBy(() -> IpfsPath.of(Cid.parse(V1), List.of("..")))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not an IPFS path: '..' segments are not allowed");
        assertThatThrownBy(() -> IpfsPath.of(Cid.parse(V1), List.of("a/b")))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not an IPFS path: segment 1 contains '/'");
        assertThatThrownBy(() -> IpfsPath.of(Cid.parse(V1), List.of("")))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not an IPFS path: segment 1 is empty");
    }

    @Test
    void segmentsCannotBeChanged() {
        IpfsPath path = IpfsPath.parse("/ipfs/" + V1 + "/a");

        assertThatThrownBy(() -> path.segments().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   " })
    void rejectsEmptyInput(String text) {
        assertThatThrownBy(() -> IpfsPath.parse(text))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage("not an IPFS path: empty input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/ipns/example.com/a | not an IPFS path: expected /ipfs/<cid>, ipfs://<cid> or a CID",
            "/ipfs | not an IPFS path: expected /ipfs/<cid>, ipfs://<cid> or a CID",
            "https://dweb.link/ipfs/" + V1 + " | not an IPFS path: expected /ipfs/<cid>, ipfs://<cid> or a CID",
            "/ipfs/ | not an IPFS path: missing the CID after /ipfs/",
            "/ipfs//a | not an IPFS path: missing the CID after /ipfs/",
            "ipfs:// | not an IPFS path: missing the CID after ipfs://",
            "/ipfs/" + V1 + "/a/../b | not an IPFS path: '..' segments are not allowed",
            "/ipfs/" + V1 + "/.. | not an IPFS path: '..' segments are not allowed",
            "/ipfs/" + V1 + "/%2e%2E/etc | not an IPFS path: '..' segments are not allowed",
            "/ipfs/" + V1 + "/.%2e | not an IPFS path: '..' segments are not allowed",
            "/ipfs/" + V1 + "/a%2Fb | not an IPFS path: segment 1 contains '/'",
            "/ipfs/" + V1 + "/ok/a%zzb | not an IPFS path: invalid percent-encoding '%zz' at position 71",
            "/ipfs/" + V1 + "/a%4 | not an IPFS path: invalid percent-encoding '%4' at position 68",
            "/ipfs/" + V1 + "/a%ff | not an IPFS path: segment 1 is not valid UTF-8 after percent-decoding",
            "/ipfs/notacid/a | not a CID: unknown multibase prefix 'n'",
            "ipfs://QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1/a | not a CID: CIDv0 must be 46 base58btc characters, got 45",
    })
    void rejectsBadPathsWithAPreciseMessage(String text, String message) {
        assertThatThrownBy(() -> IpfsPath.parse(text))
                .isInstanceOf(InvalidCidException.class)
                .hasMessage(message);
    }
}
