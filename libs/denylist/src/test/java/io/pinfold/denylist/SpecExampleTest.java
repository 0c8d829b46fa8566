package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example list of the Compact Denylist Format spec and what its comments say each rule blocks. */
class SpecExampleTest {

    private static final Denylist LIST = new Denylist();
    private static final List<DenylistEntry> ENTRIES = new ArrayList<>();
    private static final List<DenylistSyntaxException> BAD = new ArrayList<>();
    private static DenylistHeader header;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = SpecExampleTest.class.getResourceAsStream("/spec-example.deny")) {
            header = new DenylistParser().parse(in, new DenylistSink() {
                @Override
                public void entry(long line, DenylistEntry entry) {
                    ENTRIES.add(entry);
                    LIST.add(entry);
                }

                @Override
                public void badLine(DenylistSyntaxException problem) {
                    BAD.add(problem);
                }
            });
        }
    }

    @Test
    void theHeaderAndItsHintsAreReadAndEveryRuleCarriesThem() {
        assertThat(header.name()).isEqualTo("Example IPFSCorp blocking list");
        assertThat(header.author()).isEqualTo("abuse-ipfscorp@example.com");
        assertThat(header.hints().asMap()).isEqualTo(Map.of("hint", "value", "hint2", "value2"));
        assertThat(ENTRIES).allSatisfy(entry -> assertThat(entry.hints().asMap()).containsEntry("hint", "value"));
    }

    @Test
    void onlyTheBlake3RuleIsRefused() {
        assertThat(BAD).singleElement().satisfies(problem -> assertThat(problem.reason()).contains("blake3 is not supported"));
        assertThat(ENTRIES).hasSize(14);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/ipfs/bafybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq, true",
            "/ipfs/Qmah2YDTfrox4watLCr3YgKyBwvjq8FJZEFdWY6WtJ3Xt2/test, true",
            "/ipfs/Qmah2YDTfrox4watLCr3YgKyBwvjq8FJZEFdWY6WtJ3Xt2/tes, false",
            "/ipfs/QmTuvSQbEDR3sarFAN9kAeXBpiBCyYYNxdxciazBba11eC/testing, true",
            "/ipfs/QmUboz9UsQBDeS6Tug1U8jgoFkgYxyYood9NDyVURAY9pK/blocked/x, true",
            "/ipfs/QmUboz9UsQBDeS6Tug1U8jgoFkgYxyYood9NDyVURAY9pK/blocked/exceptions/x, false",
            "/ipns/domain.example, true",
            "/ipns/domain2.example/path, true",
            "/ipns/domain2.example/other, false",
            "/ipns/k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf, true",
            "/ipfs/bafybeidjwik6im54nrpfg7osdvmx7zojl5oaxqel5cmsz46iuelwf5acja, true",
            "/ipfs/QmVTF1yEejXd9iMgoRTFDxBv7HAz9kuZcQNBzHrceuK9HR, true",
            "/ipfs/bafybeiefwqslmf6zyyrxodaxx4vwqircuxpza5ri45ws3y5a62ypxti42e, true",
            "/ipfs/bafybeiefwqslmf6zyyrxodaxx4vwqircuxpza5ri45ws3y5a62ypxti42e/path, true",
            "/ipns/bad-domain-name.tld, true"})
    void whatTheCommentsSayIsBlocked(String path, boolean blocked) {
        assertThat(LIST.match(ContentRequest.parse(path))).as(path).matches(m -> m.isPresent() == blocked);
    }
}
