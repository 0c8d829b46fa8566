package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;

/** Every form of one IPNS key meets the plain and the double-hashed rule on it, with and without a path. */
class IpnsNameFormsTest {

    // Forms from NOpfs's test.deny rule8: one ed25519 key as base36, base32 libp2p-key CID and peer ID.
    private static final Multihash KEY = Cid.parse("k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf").multihash();

    static Stream<String> forms() {
        Cid cid = Cid.v1(Codec.LIBP2P_KEY, KEY);
        return Stream.of(
                "k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf",
                "K51QZI5UQU5DHMZYV3ZAC033I7RL9HKGCZXYL81LWOUKDA2HTTEOP7D3X0Y1MF",
                "bafzaajaiaejcaotjfs57kieazxny5japcmy5p2pgv2cic77tu6ogghttvurnrufx",
                "bafzaajaiaejcaotjfs57kieazxny5japcmy5p2pgv2cic77tu6ogghttvurnrufx".toUpperCase(Locale.ROOT),
                "12D3KooWDkNqEJNmreF3NYYFK1ws7Ra2fuW6cHBTu567SPV3LdYA",
                cid.toString(MultibaseEncoding.BASE58_BTC),
                cid.toString(MultibaseEncoding.BASE64_URL),
                cid.toString(MultibaseEncoding.BASE16),
                Cid.v1(Codec.DAG_PB, KEY).toString());
    }

    private static Denylist listOf(DenylistEntry entry) {
        Denylist list = new Denylist();
        list.add(entry);
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void everyFormMeetsThePlainRule(String name) {
        DenylistEntry rule = DenylistEntry.block(new Target.IpnsKey(KEY), PathRule.ROOT, Hints.NONE);
        assertThat(listOf(rule).match(ContentRequest.ipns(name, ""))).contains(rule);
        assertThat(listOf(rule).match(ContentRequest.ipns(name, "/deep/page.html"))).contains(rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void everyFormMeetsTheDoubleHashedRule(String name) {
        DenylistEntry root = DoubleHashes.hide(DenylistEntry.block(new Target.IpnsKey(KEY), PathRule.ROOT, Hints.NONE), DoubleHashFunction.SHA2_256);
        DenylistEntry path = DoubleHashes.hide(DenylistEntry.block(new Target.IpnsKey(KEY), PathRule.exact("a/b"), Hints.NONE), DoubleHashFunction.SHA3_256);
        assertThat(listOf(root).match(ContentRequest.ipns(name, "/x"))).contains(root);
        assertThat(listOf(path).match(ContentRequest.ipns(name, "/a//b/"))).contains(path);
        assertThat(listOf(path).match(ContentRequest.ipns(name, "/a"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("domains")
    void everySpellingOfADomainMeetsItsDoubleHashedRule(String domain) {
        DenylistEntry rule = DoubleHashes.hide(DenylistEntry.block(new Target.Dnslink("news.example.org"), PathRule.ROOT, Hints.NONE), DoubleHashFunction.SHA2_512);
        assertThat(listOf(rule).match(ContentRequest.ipns(domain, "/any"))).contains(rule);
    }

    static Stream<String> domains() {
        return Stream.of("news.example.org", "NEWS.Example.ORG", "news.example.org.", "news-example-org", "news%2Eexample.org");
    }
}
