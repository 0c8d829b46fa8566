package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.content.Ref;
import io.pinfold.kubo.content.RefsOptions;
import io.pinfold.kubo.error.KuboException;
import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotPinnedException;
import io.pinfold.kubo.pin.PinAddOptions;
import io.pinfold.kubo.pin.PinLsEntry;
import io.pinfold.kubo.pin.PinLsOptions;
import io.pinfold.kubo.pin.PinProgress;
import io.pinfold.kubo.pin.PinType;
import io.pinfold.kubo.pin.PinUpdate;
import io.pinfold.kubo.pin.PinVerification;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pin add (plain and with progress), rm, ls, update and verify against a real Kubo. */
class PinCallsTest {

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void pinsRecursivelyAndUnpins() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(600 * 1024), false);

        assertThat(kubo.pin().add(cid, PinAddOptions.recursivePin()).await().atMost(WAIT)).containsExactly(cid);
        assertThat(pinsOf(cid)).extracting(PinLsEntry::type).containsExactly(PinType.RECURSIVE);

        assertThat(kubo.pin().rm(cid, true).await().atMost(WAIT)).containsExactly(cid);
        assertThatThrownBy(() -> pinsOf(cid)).isInstanceOf(KuboNotPinnedException.class);
    }

    @Test
    void pinsDirectlyOnlyTheRootBlock() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(100), false);

        kubo.pin().add(cid, PinAddOptions.directPin()).await().atMost(WAIT);

        assertThat(pinsOf(cid)).extracting(PinLsEntry::type).containsExactly(PinType.DIRECT);
        assertThat(kubo.pin().ls(PinLsOptions.ofType(PinType.DIRECT)).map(PinLsEntry::cid).collect().asList()
                .await().atMost(WAIT)).contains(cid);
        kubo.pin().rm(cid, false).await().atMost(WAIT);
    }

    @Test
    void listsIndirectPinsAndNamesWhenAsked() {
        String root = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(700 * 1024), false);
        kubo.pin().add(root, PinAddOptions.recursivePin().withName("pinfold-test-name")).await().atMost(WAIT);
        List<String> leaves = kubo.content().refs(root, RefsOptions.allUnique()).map(Ref::cid).collect().asList()
                .await().atMost(WAIT);

        List<String> indirect = kubo.pin().ls(PinLsOptions.ofType(PinType.INDIRECT)).map(PinLsEntry::cid)
                .collect().asList().await().atMost(WAIT);
        List<PinLsEntry> named = kubo.pin().ls(PinLsOptions.ofType(PinType.RECURSIVE).withNames(true))
                .collect().asList().await().atMost(WAIT);

        assertThat(indirect).containsAll(leaves);
        assertThat(named).filteredOn(pin -> pin.cid().equals(root))
                .singleElement()
                .satisfies(pin -> assertThat(pin.name()).contains("pinfold-test-name"));
    }

    @Test
    void reportsProgressAndEndsWithThePinnedCids() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(900 * 1024), false);

        List<PinProgress> steps = kubo.pin().addWithProgress(cid, PinAddOptions.recursivePin()).collect().asList()
                .await().atMost(WAIT);

        PinProgress last = steps.get(steps.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.pinned()).containsExactly(cid);
        assertThat(steps.subList(0, steps.size() - 1)).allSatisfy(step -> assertThat(step.done()).isFalse());
        assertThat(steps).anySatisfy(step -> assertThat(step.blocks()).isEqualTo(5)); // root + 4 leaves walked
        kubo.pin().rm(cid, true).await().atMost(WAIT);
    }

    @Test
    void unpinningWhatIsNotPinnedIsNotPinned() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(50), false);

        assertThatThrownBy(() -> kubo.pin().rm(cid, true).await().atMost(WAIT))
                .isInstanceOf(KuboNotPinnedException.class)
                .hasMessage("kubo pin/rm: not pinned or pinned indirectly");
    }

    @Test
    void aDirectUnpinOfARecursivePinSaysSo() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(50), true);

        assertThatThrownBy(() -> kubo.pin().rm(cid, false).await().atMost(WAIT))
                .isInstanceOf(KuboException.class)
                .hasMessage("kubo pin/rm: " + cid + " is pinned recursively");
    }

    @Test
    void pinningABadCidIsAnInvalidRequest() {
        assertThatThrownBy(() -> kubo.pin().add("bafy-not-a-cid", PinAddOptions.recursivePin()).await().atMost(WAIT))
                .isInstanceOf(KuboInvalidRequestException.class)
                .hasMessageStartingWith("kubo pin/add: invalid path \"bafy-not-a-cid\"");
    }

    @Test
    void updateMovesTheRecursivePin() {
        String from = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(400), true);
        String to = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(400), false);

        PinUpdate update = kubo.pin().update(from, to, true).await().atMost(WAIT);

        assertThat(update).isEqualTo(new PinUpdate(from, to));
        assertThat(pinsOf(to)).extracting(PinLsEntry::type).containsExactly(PinType.RECURSIVE);
        assertThatThrownBy(() -> pinsOf(from)).isInstanceOf(KuboNotPinnedException.class);
    }

    @Test
    void updateFromSomethingNotPinnedFails() {
        String from = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(400), false);
        String to = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(400), false);

        assertThatThrownBy(() -> kubo.pin().update(from, to, true).await().atMost(WAIT))
                .isInstanceOf(KuboException.class)
                .hasMessageStartingWith("kubo pin/update: ");
    }

    @Test
    void verifyReportsHealthyPins() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(300 * 1024), true);

        List<PinVerification> healthy = kubo.pin().verify(true).collect().asList().await().atMost(WAIT);

        assertThat(healthy).filteredOn(v -> v.cid().equals(cid)).singleElement()
                .satisfies(v -> {
                    assertThat(v.ok()).isTrue();
                    assertThat(v.badBlocks()).isEmpty();
                });
        assertThat(kubo.pin().verify(false).collect().asList().await().atMost(WAIT)).noneMatch(v -> v.cid().equals(cid));
    }

    @Test
    void lsStreamsOnlyWhatTheSubscriberAsksFor() {
        for (int i = 0; i < 5; i++) {
            LiveKubo.addOnFirst(LiveKubo.uniqueBytes(20), true);
        }

        AssertSubscriber<PinLsEntry> subscriber = kubo.pin().ls(PinLsOptions.ofType(PinType.RECURSIVE))
                .subscribe().withSubscriber(AssertSubscriber.create(2));

        subscriber.awaitItems(2, WAIT);
        assertThat(subscriber.getItems()).hasSize(2);
        subscriber.cancel();
        subscriber.assertNotTerminated();
        assertThat(subscriber.getItems()).hasSize(2);
    }

    @Test
    void lsPausesWithoutDemandAndResumesWhenAskedForMore() {
        for (int i = 0; i < 3; i++) {
            LiveKubo.addOnFirst(LiveKubo.uniqueBytes(20), true);
        }
        List<PinLsEntry> expected = kubo.pin().ls(PinLsOptions.ofType(PinType.RECURSIVE)).collect().asList()
                .await().atMost(WAIT);

        AssertSubscriber<PinLsEntry> subscriber = kubo.pin().ls(PinLsOptions.ofType(PinType.RECURSIVE))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        for (int i = 1; i <= expected.size(); i++) {
            subscriber.request(1);
            subscriber.awaitItems(i, WAIT);
        }

        subscriber.awaitCompletion(WAIT);
        assertThat(subscriber.getItems()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<PinLsEntry> pinsOf(String cid) {
        return kubo.pin().ls(PinLsOptions.all().withCids(List.of(cid))).collect().asList().await().atMost(WAIT);
    }
}
