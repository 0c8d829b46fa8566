package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spellings of one path or name that a request may use to get around a rule. */
class RequestNormalisationTest {

    private static final String CID = "bafybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq";
    private static final String LIST = """
            /ipfs/%s/secret%%20files/report.pdf
            /ipfs/%s/private*
            /ipns/bad.example
            /ipns/k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf/x
            /ipns/b%%C3%%BCcher.example/shop
            """.formatted(CID, CID);

    private static Denylist list() {
        Denylist list = new Denylist();
        new DenylistParser().parse(LIST, list);
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/ipfs/" + CID + "/secret%20files/report.pdf",
            "/ipfs/" + CID + "/secret files/report.pdf",
            "/ipfs/" + CID + "//secret%20files//report.pdf",
            "/ipfs/" + CID + "/secret%20files/report.pdf/",
            "/ipfs/" + CID + "/./secret%20files/./report.pdf",
            "/ipfs/" + CID + "/x/../secret%20files/report.pdf",
            "/ipfs/" + CID + "/x/%2e%2e/secret%20files/report.pdf",
            "/ipfs/" + CID + "/secret%20files%2Freport.pdf",
            "/ipfs/" + CID + "/secret%20files/report%2Epdf",
            "/ipfs/" + CID + "/secret%20files/report.pdf?download=true",
            "/ipfs/" + CID + "/secret%20files/report.pdf#page=2",
            "/ipfs//" + CID + "/secret%20files/report.pdf",
            "/ipfs/" + CID + "/private",
            "/ipfs/%62afybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq/private",
            "/ipfs/BAFYBEIHVVULPP4EVXJ7X7ARMBQCYG6UEZZUIG6JP3LKTPBOVLQFKUQEUOQ/private",
            "/ipfs/" + CID + "/private/",
            "/ipfs/" + CID + "/private-2/x",
            "/ipfs/" + CID + "/priv%61te/x",
            "/ipns/bad.example",
            "/ipns/BAD.Example.",
            "/ipns/bad.example/any/path",
            "/ipns/bad-example",
            "/ipns/k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf/x",
            "/ipns/K51QZI5UQU5DHMZYV3ZAC033I7RL9HKGCZXYL81LWOUKDA2HTTEOP7D3X0Y1MF/x/",
            "/ipns/bafzaajaiaejcaotjfs57kieazxny5japcmy5p2pgv2cic77tu6ogghttvurnrufx/x",
            "/ipns/12D3KooWDkNqEJNmreF3NYYFK1ws7Ra2fuW6cHBTu567SPV3LdYA//x",
            "/ipns/bücher.example/shop",
            "/ipns/xn--bcher-kva.example/shop",
            "/ipns/B%C3%BCcher.example/./shop/"})
    void everySpellingIsBlocked(String path) {
        assertThat(list().match(ContentRequest.parse(path))).as(path).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/ipfs/" + CID + "/secret%20files",
            "/ipfs/" + CID + "/secret+files/report.pdf",
            "/ipfs/" + CID + "/secret%2520files/report.pdf",
            "/ipfs/" + CID + "/Secret%20files/report.pdf",
            "/ipfs/" + CID + "/priv",
            "/ipfs/" + CID,
            "/ipns/good.example",
            "/ipns/notbad.example",
            "/ipns/k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf/y",
            "/ipns/bücher.example/shop2"})
    void otherPathsAreNot(String path) {
        assertThat(list().match(ContentRequest.parse(path))).as(path).isEmpty();
    }

    @Test
    void aPathThatCannotBeNormalisedIsRefusedNotServed() {
        assertThatThrownBy(() -> ContentRequest.parse("/ipfs/" + CID + "/../x"))
                .isInstanceOf(InvalidContentRequestException.class)
                .hasMessage("not a content path: path climbs above its root with '..'");
        assertThatThrownBy(() -> ContentRequest.parse("/ipfs/" + CID + "/a%zz"))
                .hasMessage("not a content path: path has invalid percent-encoding '%zz' at position 3");
        assertThatThrownBy(() -> ContentRequest.parse("/ipfs/bafyX/a"))
                .hasMessageStartingWith("not a CID: ");
        assertThatThrownBy(() -> ContentRequest.parse("/ipns/a..b"))
                .hasMessage("not an IPNS name: IPNS name 'a..b' is neither a key nor a valid domain name");
        assertThatThrownBy(() -> ContentRequest.parse("/foo/" + CID))
                .hasMessage("not a content path: expected /ipfs/<cid> or /ipns/<name>");
    }
}
