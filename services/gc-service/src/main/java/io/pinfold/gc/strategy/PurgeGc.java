package io.pinfold.gc.strategy;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.index.BlockIndex;
import io.pinfold.gc.purge.PurgeLedger;
import io.pinfold.gc.purge.PurgeLedger.PendingPurge;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.reclaim.LiveRoots;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Purges blocked content from a node: for each purge pending there whose content the node no longer keeps (pin-service
 * unpins blocked content; no live root, in any CID form, is the blocked root), its DAG is walked into the block index
 * as a root no longer kept and its blocks are reclaimed like targeted GC's — except those some live root still reaches
 * (a block shared with lawful pinned content stays). Content the node still keeps stays pending and is looked at again
 * later. Purged entries are recorded against the run.
 */
@ApplicationScoped
public class PurgeGc implements GcStrategy {
    private final BlockIndex index;
    private final PurgeLedger ledger;
    private final GcConfig config;

    public PurgeGc(BlockIndex index, PurgeLedger ledger, GcConfig config) {
        this.index = index;
        this.ledger = ledger;
        this.config = config;
    }

    @Override
    public GcMode mode() {
        return GcMode.PURGE;
    }

    @Override
    public boolean drainsNode() {
        return false;
    }

    @Override
    @WithSpan("gc.purge")
    public Multi<RunTotals> collect(String nodeId, KuboClient node) {
        KuboClient patient = node.withTimeout(config.targetedCallTimeout());
        return Multi.createFrom().deferred(() -> ledger.pendingOn(nodeId)
                .chain(pending -> patient.reclaim().roots().chain(live -> split(patient, live, pending)))
                .call(split -> ledger.stillPinned(nodeId, split.kept()))
                .call(split -> index.sync(nodeId, patient)) // so the index knows the blocked roots are no longer live
                .chain(split -> indexAll(nodeId, patient, split.purgeable()))
                .onItem().transformToMulti(ready -> {
                    IndexedReclaim reclaim = new IndexedReclaim(index, config, nodeId, patient,
                            fingerprint -> index.candidates(nodeId, ready.rootIds()));
                    Multi<RunTotals> recorded = Multi.createFrom().deferred(() -> ledger.purged(nodeId,
                                    ready.purgeable().stream().map(PendingPurge::entryKey).toList())
                            .map(ignored -> reclaim.totals()).toMulti());
                    return Multi.createBy().concatenating().streams(ready.rootIds().isEmpty() ? Multi.createFrom().empty()
                            : reclaim.run(), recorded);
                }));
    }

    /** Which pending purges the node no longer keeps (by block key, so any CID form of the root counts). */
    private static Uni<Split> split(KuboClient node, LiveRoots live, List<PendingPurge> pending) {
        Set<String> liveKeys = live.roots().stream().map(LiveRoots.LiveRoot::key).collect(Collectors.toSet());
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(purge -> node.reclaim().refs(purge.cid(), true).collect().first()
                        .map(ref -> new Keyed(purge, ref.key())))
                .collect().asList()
                .map(keyed -> {
                    List<PendingPurge> purgeable = new ArrayList<>();
                    List<String> kept = new ArrayList<>();
                    keyed.forEach(item -> {
                        if (liveKeys.contains(item.key())) {
                            kept.add(item.purge().entryKey());
                        } else {
                            purgeable.add(item.purge());
                        }
                    });
                    return new Split(purgeable, kept);
                });
    }

    /** Walks each blocked DAG into the index; one pinned again meanwhile (null id) is left pending. */
    private Uni<Ready> indexAll(String nodeId, KuboClient node, List<PendingPurge> purgeable) {
        List<PendingPurge> indexed = new ArrayList<>();
        return Multi.createFrom().iterable(purgeable)
                .onItem().transformToUniAndConcatenate(purge -> index.indexBlocked(nodeId, node, purge.cid())
                        .invoke(id -> {
                            if (id != null) {
                                indexed.add(purge);
                            }
                        }))
                .collect().asList()
                .map(ids -> new Ready(indexed, ids.stream().filter(id -> id != null).toList()));
    }

    private record Keyed(PendingPurge purge, String key) {
    }

    private record Split(List<PendingPurge> purgeable, List<String> kept) {
    }

    private record Ready(List<PendingPurge> purgeable, List<Long> rootIds) {
    }
}
