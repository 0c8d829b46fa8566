package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The last matching rule wins: a negated rule lifts what came before it, never what comes after. */
class NegationOrderTest {

    private static final String CID = "QmecDgNqCRirkc3Cjz9eoRBNwXGckJ9WvTdmY16HP88768";

    private static Denylist list(String text) {
        Denylist list = new Denylist();
        new DenylistParser().parse(text, list);
        return list;
    }

    @Test
    void theSpecsExampleAnExceptionAfterAPrefixRuleAndABlockAfterItsAllow() {
        Denylist list = list("/ipfs/" + CID + "/photo*\n!/ipfs/" + CID + "/photo123.jpg\n!/ipns/my.domain\n/ipns/my.domain\n");
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID + "/photo1.jpg"))).isPresent();
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID + "/photo123.jpg"))).isEmpty();
        assertThat(list.match(ContentRequest.parse("/ipns/my.domain"))).isPresent();
    }

    @Test
    void aRemovalLiftsTheBlockInEveryEncoding() {
        Denylist list = list("/ipfs/" + CID + "\n!/ipfs/bafybeihrw75yfhdx5qsqgesdnxejtjybscwuclpusvxkuttep6h7pkgmze\n");
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID + "/x"))).isEmpty();
        assertThat(list.match(ContentRequest.parse("/ipfs/bafkreihrw75yfhdx5qsqgesdnxejtjybscwuclpusvxkuttep6h7pkgmze"))).isEmpty();
        list.add(DenylistEntry.block(new Target.Content(io.pinfold.ipfs.cid.Cid.parse(CID).multihash()), PathRule.ROOT, Hints.NONE));
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID))).isPresent();
    }

    @Test
    void aRemovalOfTheDoubleHashedFormLiftsIt() {
        Denylist list = list("//QmSju6XPmYLG611rmK7rEeCMFVuL6EHpqyvmEU6oGx3GR8\n");
        // The spec's own example: that hash blocks /ipfs/bafybeihrw75.../my/path
        assertThat(list.match(ContentRequest.parse("/ipfs/bafybeihrw75yfhdx5qsqgesdnxejtjybscwuclpusvxkuttep6h7pkgmze/my/path"))).isPresent();
        assertThat(list.match(ContentRequest.parse("/ipfs/bafybeihrw75yfhdx5qsqgesdnxejtjybscwuclpusvxkuttep6h7pkgmze/my"))).isEmpty();
        new DenylistParser().parse("!//QmSju6XPmYLG611rmK7rEeCMFVuL6EHpqyvmEU6oGx3GR8\n", list);
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID + "/my/path"))).isEmpty();
    }

    @Test
    void anAllowOnOnePathDoesNotLiftTheRuleOnTheWholeCid() {
        Denylist list = list("/ipfs/" + CID + "\n!/ipfs/" + CID + "/public\n");
        assertThat(list.match(ContentRequest.parse("/ipfs/" + CID + "/public"))).isPresent();
    }

    @Test
    void aBlockedCidAlongThePathBlocksTheRequest() {
        Denylist list = list("/ipfs/" + CID + "\n");
        ContentRequest request = ContentRequest.parse("/ipns/site.example/a/b")
                .withAlong(java.util.List.of(io.pinfold.ipfs.cid.Cid.parse("bafybeihrw75yfhdx5qsqgesdnxejtjybscwuclpusvxkuttep6h7pkgmze")));
        assertThat(list.match(request)).isPresent();
        assertThat(list.match(ContentRequest.parse("/ipns/site.example/a/b"))).isEmpty();
    }

    @Test
    void theMatchCarriesNoticeReasonAndStatus() {
        Denylist list = list("/ipfs/" + CID + "/x notice=N-7 legal-reason=dmca\n");
        DenylistEntry entry = list.match(ContentRequest.parse("/ipfs/" + CID + "/x")).orElseThrow();
        assertThat(entry.status()).isEqualTo(451);
        assertThat(entry.hints().notice()).contains("N-7");
        assertThat(entry.rule()).isEqualTo("/ipfs/" + CID + "/x");
    }
}
