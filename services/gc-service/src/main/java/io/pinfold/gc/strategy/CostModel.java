package io.pinfold.gc.strategy;

import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.kubo.KuboClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Picks each run's strategy from the mode asked for and what the node can do, and says why. Full GC is asked for:
 * full. Targeted GC is asked for: targeted, unless the node's Kubo lacks Pinfold's pinfold/* commands (a stock build)
 * or the unpinned roots hold so much of the repo ({@code pinfold.gc.targeted-max-share-percent}) that one drained
 * sweep costs less than deleting most blocks batch by batch; then full, with the reason.
 */
@ApplicationScoped
public class CostModel {
    /** The identity CID of empty content: held by every node without a block, so asking for its key touches nothing. */
    private static final String PROBE_CID = "bafkqaaa";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final GcStrategies strategies;
    private final GcConfig config;

    public CostModel(GcStrategies strategies, GcConfig config) {
        this.strategies = strategies;
        this.config = config;
    }

    /**
     * @param reclaimableBytes what the node's known unpinned roots hold (null: none known)
     * @param repoSize         the node's repo size as last read (null: not read yet)
     */
    public Uni<ModeChoice> choose(GcMode asked, KuboClient node, Long reclaimableBytes, Long repoSize) {
        GcStrategy full = strategies.forMode(GcMode.FULL).orElseThrow();
        if (asked != GcMode.TARGETED) {
            return Uni.createFrom().item(new ModeChoice(strategies.forMode(asked).orElse(full), asked.json() + ": asked for"));
        }
        GcStrategy targeted = strategies.forMode(GcMode.TARGETED).orElseThrow();
        return node.withTimeout(PROBE_TIMEOUT).reclaim().refs(PROBE_CID, true).collect().first()
                .map(ignored -> share(reclaimableBytes, repoSize))
                .map(share -> {
                    String held = describe(reclaimableBytes, repoSize, share);
                    if (share != null && share >= config.targetedMaxSharePercent()) {
                        return new ModeChoice(full, "full: targeted asked for, but " + held + " (pinfold.gc.targeted-max-share-percent is "
                                + config.targetedMaxSharePercent() + "): one sweep costs less than deleting most blocks batch by batch");
                    }
                    return new ModeChoice(targeted, "targeted: asked for; the node has Pinfold's pinfold/* commands and " + held);
                })
                .onFailure().recoverWithItem(failure -> new ModeChoice(full, "full: targeted asked for, but the node did not answer "
                        + "pinfold/refs (" + failure.getMessage() + "): targeted GC needs Pinfold's Kubo build (deploy/local/kubo-pinfold)"));
    }

    /**
     * The unpinned roots' percent of the repo, or null when not known: a repo size not read yet, or one read before
     * those roots were added (they would hold more than the whole repo: the size is stale, not the share 100%).
     */
    static Integer share(Long reclaimable, Long repoSize) {
        if (reclaimable == null || repoSize == null || repoSize <= 0 || reclaimable > repoSize) {
            return null;
        }
        return (int) (reclaimable * 100 / repoSize);
    }

    private static String describe(Long reclaimable, Long repoSize, Integer share) {
        if (share == null) {
            return "the unpinned roots' share of the repo is not known yet (" + (reclaimable == null ? "none sized" : reclaimable + " bytes")
                    + ", repo size " + (repoSize == null ? "not read yet" : repoSize + " bytes"
                    + (reclaimable != null && reclaimable > repoSize ? ", read before they were added" : "")) + ")";
        }
        return "the unpinned roots hold " + reclaimable + " of the repo's " + repoSize + " bytes (" + share + "%)";
    }
}
