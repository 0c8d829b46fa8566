package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pinfold.ipfs.cid.Cid;

/**
 * The expectations of NOpfs's implementation-agnostic tester (ipfs-shipyard/nopfs tester/tester.go,
 * commit 9f5e735a) against its test.deny, retyped as data. tester.go asks IsPathBlocked and
 * IsCidBlocked; here they are {@link Denylist#matchPath} and {@link Denylist#matchBlock}.
 */
class NopfsTestListTest {

    private static final Denylist LIST = new Denylist();
    private static final List<DenylistSyntaxException> BAD_LINES = new ArrayList<>();
    private static DenylistHeader header;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = NopfsTestListTest.class.getResourceAsStream("/nopfs-test.deny")) {
            header = new DenylistParser().parse(in, new DenylistSink() {
                @Override
                public void entry(long line, DenylistEntry entry) {
                    LIST.add(entry);
                }

                @Override
                public void badLine(DenylistSyntaxException problem) {
                    BAD_LINES.add(problem);
                }
            });
        }
    }

    @Test
    void headerIsRead() {
        assertThat(header.name()).isEqualTo("NOpfs test list");
        assertThat(header.version()).isEqualTo(1);
    }

    @Test
    void onlyTheBlake3RuleAndTheEmptyBlocksAreRefused() {
        assertThat(BAD_LINES).extracting(DenylistSyntaxException::line).containsExactly(21L, 26L, 27L, 28L, 29L, 30L, 31L, 32L);
        assertThat(BAD_LINES.get(0).getMessage()).isEqualTo("line 21: double hash is neither a base58btc multihash "
                + "(hash function blake3 is not supported) nor a legacy sha2-256 hex digest (not 64 hex digits): "
                + "//gW813G35CnLsy7gRYYHuf63hrz71U1xoLFDVeV7actx6oX");
        assertThat(BAD_LINES.get(1).reason()).isEqualTo("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn is the empty UnixFS directory,"
                + " which is never blocked: every site with an empty folder holds it");
    }

    static Stream<Arguments> blocks() {
        return Stream.of(
                // rule1, rule10 (legacy), rule12 (double hash): testCID, testDoubleHashLegacy, testDoubleHash
                Arguments.of("bafybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq", true),
                Arguments.of("bafkreihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq", true),
                Arguments.of("QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo", true),
                Arguments.of("bafybeiefwqslmf6zyyrxodaxx4vwqircuxpza5ri45ws3y5a62ypxti42e", true),
                Arguments.of("bafybeidjwik6im54nrpfg7osdvmx7zojl5oaxqel5cmsz46iuelwf5acja", true),
                Arguments.of("QmVTF1yEejXd9iMgoRTFDxBv7HAz9kuZcQNBzHrceuK9HR", true),
                // rule15: the empty blocks stay served
                Arguments.of("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", false),
                Arguments.of("bafyaabakaieac", false),
                Arguments.of("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", false),
                Arguments.of("bafkqaaa", false),
                Arguments.of("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", false),
                Arguments.of("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua", false),
                Arguments.of("baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa", false));
    }

    @ParameterizedTest(name = "IsCidBlocked({0}) = {1}")
    @MethodSource("blocks")
    void blockLevel(String cid, boolean blocked) {
        assertThat(LIST.matchBlock(Cid.parse(cid))).as(cid).matches(m -> m.isPresent() == blocked);
    }

    static Stream<Arguments> paths() {
        String r1 = "/ipfs/bafybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq";
        String r2 = "/ipfs/QmdWFA9FL52hx3j9EJZPQP1ZUH8Ygi5tLCX2cRDs6knSf8";
        String r3 = "/ipfs/Qmah2YDTfrox4watLCr3YgKyBwvjq8FJZEFdWY6WtJ3Xt2";
        String r4 = "/ipfs/QmTuvSQbEDR3sarFAN9kAeXBpiBCyYYNxdxciazBba11eC";
        String r5 = "/ipfs/QmUboz9UsQBDeS6Tug1U8jgoFkgYxyYood9NDyVURAY9pK";
        String r11 = "/ipfs/bafybeiefwqslmf6zyyrxodaxx4vwqircuxpza5ri45ws3y5a62ypxti42e";
        return Stream.of(
                // testCIDPath
                Arguments.of(r1, true), Arguments.of("/ipfs/bafkreihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq", true),
                Arguments.of("/ipfs/QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo", true),
                Arguments.of(r1 + "/sub2", false), Arguments.of("/ipfs/QmesfgDQ3q6prBy2Kg2gKbW4MAGuWiRP2DVuGA5MZSERLo/sub4", false),
                Arguments.of(r2, true), Arguments.of(r2 + "/a/b", true), Arguments.of(r2 + "/z/", true), Arguments.of(r2 + "/z", true),
                Arguments.of(r3 + "/test", true), Arguments.of(r3 + "/test2", true), Arguments.of(r3 + "/test/one", true),
                Arguments.of(r3 + "/tes", false), Arguments.of(r3, false), Arguments.of(r3 + "/one/test", false),
                Arguments.of(r4 + "/test", true), Arguments.of(r4 + "/test2", true), Arguments.of(r4 + "/test/one", true),
                Arguments.of(r4 + "/tes", false), Arguments.of(r4, false), Arguments.of(r4 + "/one/test", false),
                Arguments.of(r5 + "/blocked", true), Arguments.of(r5 + "/blocked2", true),
                Arguments.of(r5 + "/blockednot", false), Arguments.of(r5 + "/blocked/not", false),
                Arguments.of(r5 + "/blocked/exceptions", false), Arguments.of(r5 + "/blocked/exceptions2", false),
                Arguments.of(r5 + "/blocked/exceptions/one", false),
                // testIPNSPath
                Arguments.of("/ipns/domain.example", true), Arguments.of("/ipns/domain-example", true),
                Arguments.of("/ipns/domainaefa.example", false), Arguments.of("/ipns/domain.example/path", false),
                Arguments.of("/ipns/domain--example", false),
                Arguments.of("/ipns/domain2.example/path", true), Arguments.of("/ipns/domain2.example", false),
                Arguments.of("/ipns/domain2.example/path2", false),
                Arguments.of("/ipns/k51qzi5uqu5dhmzyv3zac033i7rl9hkgczxyl81lwoukda2htteop7d3x0y1mf", true),
                Arguments.of("/ipns/bafzaajaiaejcaotjfs57kieazxny5japcmy5p2pgv2cic77tu6ogghttvurnrufx", true),
                Arguments.of("/ipns/12D3KooWDkNqEJNmreF3NYYFK1ws7Ra2fuW6cHBTu567SPV3LdYA", true),
                Arguments.of("/ipns/12D3KooWDkNqEJNmreF3NYYFK1ws7Ra2fuW6cHBTu567SPV3LdYA/path", false),
                // testDoubleHashLegacy
                Arguments.of("/ipns/k51qzi5uqu5dixwsch9wpd9rolqby1m0uqj5hhxwtxal0dwltastfmh01dlniq", true),
                Arguments.of("/ipns/bafzaajaiaejca3vrvdzmu4qntwa2pn6apsd4ug5k63ckdyhnd3g6vdvgvujdw62s", true),
                Arguments.of("/ipns/very-bad-example.eth", true), Arguments.of("/ipns/very-bad-example.eth/", true),
                Arguments.of(r11 + "/", true), Arguments.of(r11, true), Arguments.of(r11 + "/path", true),
                Arguments.of(r11 + "/path2", false),
                // testDoubleHash rule14 (rule13 is blake3, which this library refuses)
                Arguments.of("/ipns/my.domain.com", true), Arguments.of("/ipns/my.domain2.com/path", true),
                Arguments.of("/ipns/k51qzi5uqu5dixwsch9wpd9rolqby1m0uqj5hhxwtxal0dwltastfmh01dabcd", true),
                Arguments.of("/ipns/k51qzi5uqu5dixwsch9wpd9rolqby1m0uqj5hhxwtxal0dwltastfmh01d1234/mypath", true),
                Arguments.of("/ipns/bafzaajaiaejca3vrvdzmu4qntwa2pn6apsd4ug5k63ckdyhnd3g6vdvgvujczuoq/mypath", true),
                Arguments.of("/ipns/my.domain2.com/path2", false),
                Arguments.of("/ipns/k51qzi5uqu5dixwsch9wpd9rolqby1m0uqj5hhxwtxal0dwltastfmh01d1234/mypath2", false));
    }

    @ParameterizedTest(name = "IsPathBlocked({0}) = {1}")
    @MethodSource("paths")
    void pathLevel(String path, boolean blocked) {
        assertThat(LIST.matchPath(ContentRequest.parse(path))).as(path).matches(m -> m.isPresent() == blocked);
    }

    @Test
    void atTheGatewayARuleOnTheCidAloneBlocksItsSubpathsToo() {
        // tester.go allows these at path level and relies on the BlockService; a gateway has one check.
        assertThat(LIST.match(ContentRequest.parse("/ipfs/bafybeihvvulpp4evxj7x7armbqcyg6uezzuig6jp3lktpbovlqfkuqeuoq/sub2"))).isPresent();
        assertThat(LIST.match(ContentRequest.parse("/ipns/domain.example/path"))).isPresent();
        assertThat(LIST.match(ContentRequest.parse("/ipns/12D3KooWDkNqEJNmreF3NYYFK1ws7Ra2fuW6cHBTu567SPV3LdYA/path"))).isPresent();
        // ...but path exceptions below a prefix rule still hold
        assertThat(LIST.match(ContentRequest.parse("/ipfs/QmUboz9UsQBDeS6Tug1U8jgoFkgYxyYood9NDyVURAY9pK/blocked/not"))).isEmpty();
    }
}
