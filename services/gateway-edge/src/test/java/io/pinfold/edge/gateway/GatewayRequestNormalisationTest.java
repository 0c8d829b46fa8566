package io.pinfold.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.edge.denylist.DenylistEntries;
import io.pinfold.edge.denylist.DenylistEventTranslation;
import io.pinfold.events.denylist.DenylistEntryAdded;
import io.pinfold.events.denylist.DenylistEntryKind;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spelling of a blocked request is blocked at the edge: the request as the gateway route parses it, matched
 * against rules translated from pinfold.denylist events. And what is forwarded is what was checked.
 */
class GatewayRequestNormalisationTest {
    /** A dag-pb CIDv0 (a UnixFS file) and another one that is never blocked. */
    static final Cid BLOCKED = Cid.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    static final Cid OTHER = Cid.parse("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
    static final Cid PARENT = Cid.parse("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");
    static final String DOMAIN = "blocked.example.org";
    static final String KEY = "k51qzi5uqu5dlxdsdu5fpuu7h69wu4ohp32iwm9pdt9nq3y5rpn3ln9j12zfhe";

    private static final DenylistEntries ENTRIES = new DenylistEntries();

    static {
        ENTRIES.put("cid", DenylistEventTranslation.rules(DenylistEntryAdded.of("/ipfs/" + BLOCKED, 451, "court-order", null, "N-1")));
        ENTRIES.put("path", DenylistEventTranslation.rules(DenylistEntryAdded.of("/ipfs/" + PARENT + "/private/*", 410, null, null, "N-2")));
        ENTRIES.put("dnslink", DenylistEventTranslation.rules(DenylistEntryAdded.of("/ipns/" + DOMAIN, 410, null, null, "N-3")));
        ENTRIES.put("ipns", DenylistEventTranslation.rules(DenylistEntryAdded.of("/ipns/" + KEY, 410, null, null, "N-4")));
    }

    static Stream<Arguments> blockedSpellings() {
        Cid v1 = BLOCKED.toV1();
        Cid raw = Cid.v1(Codec.RAW, BLOCKED.multihash());
        String b32 = v1.toString();
        return Stream.of(
                Arguments.of("CIDv0", "/ipfs/" + BLOCKED, null, null),
                Arguments.of("CIDv1 base32", "/ipfs/" + b32, null, null),
                Arguments.of("CIDv1 base32 upper case", "/ipfs/" + v1.toString(MultibaseEncoding.BASE32_UPPER), null, null),
                Arguments.of("CIDv1 base36", "/ipfs/" + v1.toString(MultibaseEncoding.BASE36), null, null),
                Arguments.of("CIDv1 base58btc", "/ipfs/" + v1.toString(MultibaseEncoding.BASE58_BTC), null, null),
                Arguments.of("CIDv1 base64url", "/ipfs/" + v1.toString(MultibaseEncoding.BASE64_URL), null, null),
                Arguments.of("CIDv1 base16", "/ipfs/" + v1.toString(MultibaseEncoding.BASE16), null, null),
                Arguments.of("CIDv1 base32hex", "/ipfs/" + v1.toString(MultibaseEncoding.BASE32_HEX), null, null),
                Arguments.of("raw codec, same multihash", "/ipfs/" + raw, null, null),
                Arguments.of("raw codec base36", "/ipfs/" + raw.toString(MultibaseEncoding.BASE36), null, null),
                Arguments.of("dag-cbor codec, same multihash", "/ipfs/" + Cid.v1(Codec.DAG_CBOR, BLOCKED.multihash()), null, null),
                Arguments.of("percent-encoded CID", "/ipfs/" + percentEncodeAll(b32), null, null),
                Arguments.of("partly percent-encoded CIDv0", "/ipfs/%51m" + BLOCKED.toString().substring(2), null, null),
                Arguments.of("trailing slash", "/ipfs/" + b32 + "/", null, null),
                Arguments.of("doubled slashes", "/ipfs//" + b32 + "//", null, null),
                Arguments.of("path below the CID", "/ipfs/" + b32 + "/any/file.txt", null, null),
                Arguments.of("dot segments below the CID", "/ipfs/" + b32 + "/./a/../", null, null),
                Arguments.of("?format=raw", "/ipfs/" + b32, "format=raw", null),
                Arguments.of("?format=car", "/ipfs/" + b32, "format=car&dag-scope=all", null),
                Arguments.of("Accept raw", "/ipfs/" + b32, null, "application/vnd.ipld.raw"),
                Arguments.of("Accept car", "/ipfs/" + b32, null, "application/vnd.ipld.car; version=1; order=dfs"),
                Arguments.of("path prefix rule", "/ipfs/" + PARENT + "/private/diary.txt", null, null),
                Arguments.of("path prefix rule, encoded and doubled", "/ipfs/" + PARENT + "//%70rivate/./x", null, null),
                Arguments.of("path prefix rule, CIDv0 of the parent", "/ipfs/" + Cid.v0(PARENT.multihash()) + "/private", null, null),
                Arguments.of("DNSLink domain", "/ipns/" + DOMAIN + "/index.html", null, null),
                Arguments.of("DNSLink domain, upper case and trailing dot", "/ipns/BLOCKED.Example.ORG./", null, null),
                Arguments.of("DNSLink domain inlined in one label", "/ipns/blocked-example-org/", null, null),
                Arguments.of("IPNS key base36", "/ipns/" + KEY, null, null),
                Arguments.of("IPNS key as base32 CID", "/ipns/" + Cid.parse(KEY).toString(), null, null),
                Arguments.of("IPNS key as peer id", "/ipns/" + Cid.parse(KEY).multihash().toBase58() + "/x", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockedSpellings")
    void everySpellingOfBlockedContentIsBlocked(String what, String path, String query, String accept) {
        GatewayRequest request = GatewayRequest.parse(path, query, accept, path);
        assertThat(ENTRIES.match(request.content())).as(what + ": " + path).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ipfs/QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n",
            "/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/public/private",
            "/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/",
            "/ipns/example.org/blocked.example.org"})
    void otherContentIsNotBlocked(String path) {
        assertThat(ENTRIES.match(GatewayRequest.parse(path, null, null, path).content())).isEmpty();
    }

    @Test
    void aBlockFoundAlongThePathBlocksTheParent() {
        // the parent's own request is not blocked; the blocked CID shows up in X-Ipfs-Roots
        GatewayRequest request = GatewayRequest.parse("/ipfs/" + OTHER + "/file", null, null, null);
        assertThat(ENTRIES.match(request.content())).isEmpty();
        assertThat(ENTRIES.match(request.content().withAlong(List.of(OTHER, Cid.v1(Codec.RAW, BLOCKED.multihash()))))).isPresent();
    }

    static Stream<Arguments> forwardedPaths() {
        String cid = OTHER.toString();
        return Stream.of(
                Arguments.of("/ipfs/" + cid, null, "/ipfs/" + cid),
                Arguments.of("/ipfs/" + cid + "/", null, "/ipfs/" + cid + "/"),
                Arguments.of("/ipfs//" + cid + "//a//b/", "format=raw", "/ipfs/" + cid + "/a/b/?format=raw"),
                Arguments.of("/ipfs/" + cid + "/a/./b/../c", null, "/ipfs/" + cid + "/a/c"),
                Arguments.of("/ipfs/" + cid + "/a/%2e%2e/%2E/api/v0/id", null, "/ipfs/" + cid + "/api/v0/id"),
                Arguments.of("/ipfs/" + cid + "/a%20b/%E2%82%AC%3F", "filename=x%20y", "/ipfs/" + cid + "/a%20b/%E2%82%AC%3F?filename=x%20y"),
                Arguments.of("/ipfs/%51" + cid.substring(1), null, "/ipfs/" + cid),
                Arguments.of("/ipns/Example.org/x", null, "/ipns/Example.org/x"),
                Arguments.of("/ipns/my--site-Example-org/x", null, "/ipns/my-site.example.org/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardedPaths")
    void whatIsForwardedIsWhatWasChecked(String path, String query, String upstream) {
        assertThat(GatewayRequest.parse(path, query, null, path).upstreamUri()).isEqualTo(upstream);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ipfs/", "/ipfs/not-a-cid", "/ipfs/Qm", "/ipfs/bafy%zz", "/ipfs/QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n/%zz",
            "/ipns/", "/ipns/a%zz", "/ipns/api/v0/id", "/api/v0/id",
            "/ipfs/QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n/%2e%2e/%2E%2E/api/v0/id", "/ipfs/QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n/../x"})
    void malformedRequestsAreRefusedWithTheReason(String path) {
        assertThatThrownBy(() -> GatewayRequest.parse(path, null, null, path)).isInstanceOf(BadGatewayRequestException.class)
                .hasMessageStartingWith("path: ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"format=nope", "format=", "format=CARv2", "a=b&format=json5"})
    void unknownFormatsAreRefused(String query) {
        assertThatThrownBy(() -> GatewayRequest.parse("/ipfs/" + OTHER, query, null, null)).isInstanceOf(BadGatewayRequestException.class)
                .hasMessageStartingWith("format: unknown response format");
    }

    private static String percentEncodeAll(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append('%').append(String.format("%02X", (int) c));
        }
        return out.toString();
    }
}
