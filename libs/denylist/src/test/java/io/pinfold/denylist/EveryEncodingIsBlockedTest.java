package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;

/**
 * One multihash, every way a request can spell it: CIDv0, CIDv1 dag-pb/raw/dag-cbor in every
 * multibase, upper-cased where the base is case-insensitive. Each must meet the rule written in
 * each form a list can use: plain, modern double hash, legacy double hash.
 */
class EveryEncodingIsBlockedTest {

    private static final Multihash CONTENT = Cid.parse("QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo").multihash();
    private static final DenylistEntry PLAIN = DenylistEntry.block(new Target.Content(CONTENT), PathRule.ROOT, Hints.NONE);
    private static final DenylistEntry ON_PATH = DenylistEntry.block(new Target.Content(CONTENT), PathRule.exact("wiki/a b"), Hints.NONE);

    static Stream<String> spellings() {
        List<String> all = new ArrayList<>();
        all.add("QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo");
        for (Codec codec : List.of(Codec.DAG_PB, Codec.RAW, Codec.DAG_CBOR)) {
            Cid cid = Cid.v1(codec, CONTENT);
            for (MultibaseEncoding base : MultibaseEncoding.values()) {
                all.add(cid.toString(base));
            }
            // Kubo and browsers may upper-case a whole host label; base32/base36/base16 read either case.
            all.add(cid.toString(MultibaseEncoding.BASE32).toUpperCase(java.util.Locale.ROOT));
            all.add(cid.toString(MultibaseEncoding.BASE36).toUpperCase(java.util.Locale.ROOT));
            all.add(cid.toString(MultibaseEncoding.BASE16).toUpperCase(java.util.Locale.ROOT));
        }
        return all.stream();
    }

    private static Denylist listOf(DenylistEntry entry) {
        Denylist list = new Denylist();
        list.add(entry);
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void aPlainRuleBlocksEverySpelling(String cid) {
        assertThat(listOf(PLAIN).match(ContentRequest.ipfs(cid, ""))).contains(PLAIN);
        assertThat(listOf(PLAIN).match(ContentRequest.ipfs(cid, "/any/path"))).contains(PLAIN);
        assertThat(listOf(PLAIN).matchBlock(Cid.parse(cid))).contains(PLAIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void aPathRuleBlocksEverySpellingOfItsRoot(String cid) {
        assertThat(listOf(ON_PATH).match(ContentRequest.ipfs(cid, "/wiki/a%20b"))).contains(ON_PATH);
        assertThat(listOf(ON_PATH).match(ContentRequest.ipfs(cid, "/wiki"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void aDoubleHashedRuleBlocksEverySpelling(String cid) {
        for (DoubleHashFunction function : DoubleHashFunction.values()) {
            DenylistEntry hidden = DoubleHashes.hide(PLAIN, function);
            assertThat(listOf(hidden).match(ContentRequest.ipfs(cid, "/sub"))).as(function.name()).contains(hidden);
            DenylistEntry hiddenPath = DoubleHashes.hide(ON_PATH, function);
            assertThat(listOf(hiddenPath).match(ContentRequest.ipfs(cid, "wiki//a%20b/"))).as(function.name()).contains(hiddenPath);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void aLegacyAnchorOfTheDagPbCidBlocksEverySpelling(String cid) {
        DenylistEntry legacy = DoubleHashes.hideLegacy(PLAIN, Codec.DAG_PB);
        assertThat(listOf(legacy).match(ContentRequest.ipfs(cid, ""))).contains(legacy);
        DenylistEntry legacyRaw = DoubleHashes.hideLegacy(PLAIN, Codec.RAW);
        assertThat(listOf(legacyRaw).match(ContentRequest.ipfs(cid, ""))).contains(legacyRaw);
    }
}
