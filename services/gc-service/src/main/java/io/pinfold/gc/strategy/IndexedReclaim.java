package io.pinfold.gc.strategy;

import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.index.BlockIndex;
import io.pinfold.gc.index.BlockIndex.Candidates;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.error.KuboCommandException;
import io.pinfold.kubo.reclaim.Reclaimed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One reclaim over the block index, shared by targeted GC and purge: sync the node's index, compute the candidates,
 * delete them with {@code pinfold/reclaim} batch by batch under the sync's fingerprint. Roots that appear meanwhile
 * (pins landing) are walked by the node under the lock and what they reach is kept; when they are too large for that
 * (a batch is refused: "live roots changed"), sync again — walking only the new roots — and recompute, a bounded
 * number of times; the keys batches already settled in this run (deleted, kept or absent) are not sent again. Each
 * batch holds the node's GC lock only for itself.
 */
final class IndexedReclaim {
    static final String ROOTS_CHANGED = "live roots changed";
    private static final Logger LOG = Logger.getLogger(IndexedReclaim.class);

    private final BlockIndex index;
    private final GcConfig config;
    private final String nodeId;
    private final KuboClient node;
    private final Function<String, Uni<Candidates>> candidates;
    private final long started = System.nanoTime();
    private final AtomicLong removed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lockMicros = new AtomicLong();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final Set<Long> deadRoots = new LinkedHashSet<>();
    private final Set<String> settled = new HashSet<>();

    /** {@code candidates}: given the fingerprint of a fresh sync, what to delete. */
    IndexedReclaim(BlockIndex index, GcConfig config, String nodeId, KuboClient node, Function<String, Uni<Candidates>> candidates) {
        this.index = index;
        this.config = config;
        this.nodeId = nodeId;
        this.node = node;
        this.candidates = candidates;
    }

    /** Running totals after each batch; the last item after the reclaimed roots left the index. */
    Multi<RunTotals> run() {
        Multi<RunTotals> end = Multi.createFrom().deferred(() -> index.forget(new ArrayList<>(deadRoots))
                .invoke(() -> LOG.debugf("indexed reclaim on %s: %d blocks removed, %d syncs, %d ms", nodeId, removed.get(),
                        resyncs.get() + 1, (System.nanoTime() - started) / 1_000_000))
                .map(ignored -> totals()).toMulti());
        return Multi.createBy().concatenating().streams(pass(), end);
    }

    RunTotals totals() {
        return new RunTotals(removed.get(), bytes.get(), lockMicros.get() / 1000, (System.nanoTime() - started) / 1_000_000);
    }

    private Multi<RunTotals> pass() {
        return index.sync(nodeId, node)
                .chain(fingerprint -> candidates.apply(fingerprint).map(found -> {
                    deadRoots.addAll(found.deadRootIds());
                    return new Pass(fingerprint, batches(found.keys().stream().filter(key -> !settled.contains(key)).toList()));
                }))
                .onItem().transformToMulti(pass -> Multi.createFrom().iterable(pass.batches())
                        .onItem().transformToUniAndConcatenate(batch -> node.reclaim().reclaim(pass.fingerprint(), batch, config.targetedWalkBudget())
                                .invoke(() -> settled.addAll(batch))
                                .map(this::add)))
                .onFailure(IndexedReclaim::rootsChanged).recoverWithMulti(changed -> {
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

    private record Pass(String fingerprint, List<List<String>> batches) {
    }

    static boolean rootsChanged(Throwable failure) {
        return failure instanceof KuboCommandException command && command.kuboMessage() != null
                && command.kuboMessage().contains(ROOTS_CHANGED);
    }
}
