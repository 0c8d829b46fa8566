package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One rule read on its own (an event's rule): the same entry, key and hints a list gives. */
class SingleRuleTest {

    @Test
    void aRuleReadAloneIsTheEntryAListReadGives() {
        DenylistEntry alone = DenylistParser.rule("/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/a%20b/* legal-reason=dmca");
        assertThat(alone.key()).isEqualTo("ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry/a%20b*");
        assertThat(alone.path()).isEqualTo(PathRule.prefix("a b"));
        assertThat(alone.status()).isEqualTo(451);
        assertThat(DenylistParser.rule(alone.rule())).isEqualTo(DenylistEntry.block(alone.target(), alone.path(), Hints.NONE));
    }

    @Test
    void blankCommentsAndNonRulesAreRefused() {
        assertThatThrownBy(() -> DenylistParser.rule("  ")).hasMessage("a rule is required, got nothing");
        assertThatThrownBy(() -> DenylistParser.rule("# note")).hasMessage("a rule is required, got a comment");
        assertThatThrownBy(() -> DenylistParser.rule("ipfs/x")).hasMessageContaining("a rule starts with");
    }
}
