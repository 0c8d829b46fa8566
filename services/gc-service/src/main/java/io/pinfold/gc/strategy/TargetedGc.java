package io.pinfold.gc.strategy;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.index.BlockIndex;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.error.KuboCommandException;
import io.pinfold.kubo.reclaim.Reclaimed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Removes exactly the blocks of DAGs no longer kept that no live root (pins of any kind, by anyone; MFS) reaches,
 * found in the {@link BlockIndex}, and deletes them with Pinfold's {@code pinfold/reclaim} in batches: each batch
 * holds the node's GC lock only for itself, and deletes only if the live roots are still those the candidates were
 * computed from (else the index is synced again, walking only the new roots, and the candidates recomputed). The node
 * stays in service; a pin issued meanwhile waits for one batch at most.
 */
@ApplicationScoped
public class TargetedGc implements GcStrategy {
    static final String ROOTS_CHANGED = "live roots changed";

    private final BlockIndex index;
    private final GcConfig config;

    public TargetedGc(BlockIndex index, GcConfig config) {
        this.index = index;
        this.config = config;
    }

    @Override
    public GcMode mode() {
        return GcMode.TARGETED;
    }

    @Override
    public boolean drainsNode() {
        return false;
    }

    @Override
    @WithSpan("gc.targeted")
    public Multi<RunTotals> collect(String nodeId, KuboClient node) {
        return Multi.createFrom().deferred(() -> new Collection(nodeId, node.withTimeout(config.targetedCallTimeout())).run());
    }

    /** One run's state: totals so far and the index roots it reclaimed from. */
    private final class Collection {
        private final String nodeId;
        private final KuboClient node;
        private final long started = System.nanoTime();
        private final AtomicLong removed = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong lockMicros = new AtomicLong();
        private final AtomicInteger resyncs = new AtomicInteger();
        private final Set<Long> deadRoots = new LinkedHashSet<>();

        Collection(String nodeId, KuboClient node) {
            this.nodeId = nodeId;
            this.node = node;
        }

        Multi<RunTotals> run() {
            Multi<RunTotals> end = Multi.createFrom().deferred(() -> index.forget(new ArrayList<>(deadRoots))
                    .map(ignored -> totals()).toMulti());
            return Multi.createBy().concatenating().streams(pass(), end);
        }

        /** Sync, compute candidates, delete them batch by batch; starts over (bounded) when the live roots changed. */
        private Multi<RunTotals> pass() {
            return index.sync(nodeId, node)
                    .chain(fingerprint -> index.candidates(nodeId).map(candidates -> {
                        deadRoots.addAll(candidates.deadRootIds());
                        return new Pass(fingerprint, batches(candidates.keys()));
                    }))
                    .onItem().transformToMulti(pass -> Multi.createFrom().iterable(pass.batches())
                            .onItem().transformToUniAndConcatenate(batch -> node.reclaim().reclaim(pass.fingerprint(), batch)
                                    .map(this::add)))
                    .onFailure(TargetedGc::rootsChanged).recoverWithMulti(changed -> {
                        if (resyncs.incrementAndGet() > config.targetedMaxResyncs()) {
                            return Multi.createFrom().failure(new IllegalStateException("the node's live roots kept changing: "
                                    + "more than pinfold.gc.targeted-max-resyncs (" + config.targetedMaxResyncs()
                                    + ") syncs in one run; " + removed.get() + " blocks removed before stopping", changed));
                        }
                        return pass();
                    });
        }

        private List<List<String>> batches(List<String> keys) {
            int size = config.targetedBatchSize();
            List<List<String>> batches = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += size) {
                batches.add(keys.subList(from, Math.min(keys.size(), from + size)));
            }
            return batches;
        }

        private RunTotals add(Reclaimed batch) {
            removed.addAndGet(batch.removed());
            bytes.addAndGet(batch.bytes());
            lockMicros.addAndGet(batch.lockMicros());
            return totals();
        }

        private RunTotals totals() {
            return new RunTotals(removed.get(), bytes.get(), lockMicros.get() / 1000, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private record Pass(String fingerprint, List<List<String>> batches) {
    }

    static boolean rootsChanged(Throwable failure) {
        return failure instanceof KuboCommandException command && command.kuboMessage() != null
                && command.kuboMessage().contains(ROOTS_CHANGED);
    }
}
