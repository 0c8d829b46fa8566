package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pinfold.ipfs.cid.Cid;

class ParserAndWriterTest {

    private static final String CID = "QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo";

    private static List<Object> read(String text) {
        List<Object> out = new ArrayList<>();
        new DenylistParser().parse(text, new DenylistSink() {
            @Override
            public void entry(long line, DenylistEntry entry) {
                out.add(entry);
            }

            @Override
            public void badLine(DenylistSyntaxException problem) {
                out.add(problem.getMessage());
            }
        });
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/ipfs/|line 1: missing the CID after /ipfs/: /ipfs/",
            "/ipfs/bafy1|line 1: not a CID: invalid base32 character '1' at position 5: /ipfs/bafy1",
            "/ipfs/" + CID + "/a%zz|line 1: path has invalid percent-encoding '%zz' at position 3: /ipfs/" + CID + "/a%zz",
            "/ipfs/" + CID + "/../a|line 1: path climbs above its root with '..': /ipfs/" + CID + "/../a",
            "/ipns/|line 1: missing the name after /ipns/: /ipns/",
            "/ipns/a..b|line 1: IPNS name 'a..b' is neither a key nor a valid domain name: /ipns/a..b",
            "/my/path|line 1: a rule starts with /ipfs/, /ipns/ or // (path-only rules are not supported): /my/path",
            "//|line 1: missing the hash after //: //",
            "//QmX9dhRcQcKUw3Ws8485T5a9dtjrSCQaUAHnG4iK9i4ce|line 1: double hash is neither a base58btc multihash (not a multihash: 29 trailing bytes after the 2-byte multihash digest) nor a legacy sha2-256 hex digest (not 64 hex digits): //QmX9dhRcQcKUw3Ws8485T5a9dtjrSCQaUAHnG4iK9i4ce",
            "/ipfs/" + CID + " status=200|line 1: hint status must be an HTTP error status from 400 to 599, got '200': /ipfs/" + CID + " status=200",
            "/ipfs/" + CID + " oops|line 1: hint 'oops' is not key=value: /ipfs/" + CID + " oops"})
    void aBadLineIsNamedWithItsNumberAndWhy(String line, String message) {
        assertThat(read(line)).containsExactly(message);
    }

    @Test
    void badLinesDoNotStopALenientReadAndKeepTheirNumbers() {
        String list = "name: x\n---\n# comment\n\n/ipfs/" + CID + "\nnonsense\n/ipns/ok.example\n";
        List<Object> read = read(list);
        assertThat(read).hasSize(3);
        assertThat(read.get(1)).isEqualTo("line 6: a rule starts with /ipfs/, /ipns/ or // (path-only rules are not supported): nonsense");
    }

    @Test
    void aStrictReadStopsAtTheFirstBadLine() {
        Denylist list = new Denylist();
        assertThatThrownBy(() -> new DenylistParser().parse("/ipfs/" + CID + "\r\nbad\n", list))
                .isInstanceOf(DenylistSyntaxException.class).hasMessage("line 2: a rule starts with /ipfs/, /ipns/ or // (path-only rules are not supported): bad");
    }

    @Test
    void headerFailuresAbortTheParse() {
        assertThatThrownBy(() -> read("version: 2\n---\n")).hasMessage("line 1: header version 2 is not supported, only 1");
        assertThat(read("version: '1'\n---\n/ipns/a.example\n")).hasSize(1);
        assertThatThrownBy(() -> read("name: [x\n---\n")).isInstanceOf(DenylistSyntaxException.class).hasMessageContaining("header is not valid YAML");
        assertThatThrownBy(() -> read("hints: 3\n---\n")).hasMessage("line 1: header hints must be a map of hint names to values");
    }

    @Test
    void headerHintsApplyToEveryRuleAndARuleOverridesThem() {
        String list = "hints:\n  legal-reason: dmca\n  status: 451\n---\n/ipfs/" + CID + "\n/ipns/x.example status=410 notice=n-1\n";
        List<Object> read = read(list);
        assertThat(((DenylistEntry) read.get(0)).status()).isEqualTo(451);
        DenylistEntry second = (DenylistEntry) read.get(1);
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.hints().notice()).contains("n-1");
        assertThat(second.hints().legalReason()).contains("dmca");
    }

    @Test
    void statusIs410ByDefaultAnd451WithALegalReason() {
        assertThat(((DenylistEntry) read("/ipfs/" + CID).get(0)).status()).isEqualTo(410);
        assertThat(((DenylistEntry) read("/ipfs/" + CID + " legal-reason=court-order").get(0)).status()).isEqualTo(451);
        assertThat(((DenylistEntry) read("/ipfs/" + CID + " legal-reason:dmca").get(0)).status()).isEqualTo(451);
    }

    @Test
    void withoutSeparatorTheFirstLinesAreRules() {
        assertThat(read("/ipfs/" + CID + "\n/ipns/a.example\n")).hasSize(2);
        assertThat(read("---\n/ipfs/" + CID + "\n")).hasSize(1);
    }

    @Test
    void aLegacyHexRuleIsASha256DigestInEitherCase() {
        DenylistEntry lower = (DenylistEntry) read("//" + "ab".repeat(32)).get(0);
        DenylistEntry upper = (DenylistEntry) read("//" + "AB".repeat(32)).get(0);
        assertThat(lower.target()).isInstanceOf(Target.LegacyDoubleHash.class).isEqualTo(upper.target());
        assertThat(lower.rule()).isEqualTo("//" + "ab".repeat(32));
    }

    @Test
    void theWriterWritesWhatTheParserReadsBack() {
        List<DenylistEntry> entries = List.of(
                DenylistEntry.block(new Target.Content(Cid.parse(CID).multihash()), PathRule.ROOT, Hints.of("n-1", "dmca", null)),
                DenylistEntry.block(new Target.Content(Cid.parse("bafkreihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq").multihash()),
                        PathRule.exact("a b/c*d/ü"), Hints.of("n 2 ü%", null, 410)),
                DenylistEntry.block(new Target.Content(Cid.parse(CID).multihash()), PathRule.prefix("dir/x"), Hints.NONE),
                DenylistEntry.block(new Target.Content(Cid.parse(CID).multihash()), PathRule.ANY, Hints.NONE),
                DenylistEntry.block(new Target.IpnsKey(Cid.parse("k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf").multihash()),
                        PathRule.exact("x"), Hints.NONE),
                DenylistEntry.block(new Target.Dnslink("bad.example"), PathRule.ROOT, Hints.of(null, "court-order", null)),
                DoubleHashes.hide(DenylistEntry.block(new Target.Dnslink("bad.example"), PathRule.exact("p"), Hints.NONE), DoubleHashFunction.SHA2_256),
                DoubleHashes.hideLegacy(DenylistEntry.block(new Target.Content(Cid.parse(CID).multihash()), PathRule.ROOT, Hints.NONE),
                        io.pinfold.ipfs.cid.Codec.DAG_PB));
        StringWriter text = new StringWriter();
        DenylistWriter writer = new DenylistWriter(text).header(new DenylistHeader(1, "Pinfold", "takedowns", "abuse@example.com", Hints.NONE));
        entries.forEach(writer::entry);
        writer.remove(entries.get(0));
        List<Object> read = read(text.toString());
        List<Object> expected = new ArrayList<>(entries);
        expected.add(entries.get(0).negated());
        assertThat(read).isEqualTo(expected);
        assertThat(text.toString()).contains("/ipfs/" + CID + " notice=n-1 legal-reason=dmca\n", "!/ipfs/" + CID + " notice=n-1",
                "/ipfs/QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo/*\n", "/ipfs/" + CID + "/dir/x*\n",
                "/a%20b/c%2Ad/%C3%BC notice=n%202%20ü%25 status=410\n");
    }
}
