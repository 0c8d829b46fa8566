package io.pinfold.gc.strategy;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.index.BlockIndex;
import io.pinfold.gc.purge.PurgeLedger;
import io.pinfold.gc.purge.PurgeLedger.PendingPurge;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.reclaim.LiveRoots;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Purges blocked content from a node: for each purge pending there whose content the node no longer keeps (pin-service
 * unpins blocked content; no live root, in any CID form, is the blocked root), its DAG is walked into the block index
 * as a root no longer kept and its blocks are reclaimed like targeted GC's — except those some live root still reaches
 * (a block shared with lawful pinned content stays). Content the node still keeps stays pending and is looked at again
 * later. Purged entries are recorded against the run.
 */
@ApplicationScoped
public class PurgeGc implements GcStrategy {
    private static final Logger LOG = Logger.getLogger(PurgeGc.class);

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
                .chain(pending -> {
                    OffsetDateTime lookedAt = OffsetDateTime.now(ZoneOffset.UTC); // before the roots are read
                    return patient.reclaim().roots().map(live -> split(live, pending))
                            .call(split -> ledger.stillPinned(nodeId, split.kept(), lookedAt));
                })
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

    /**
     * Which pending purges the node no longer keeps: none of its live roots has the content's multihash (so any CID
     * form of the root counts; the keys are CIDv1-raw of the multihash, as the block index keys blocks).
     */
    private static Split split(LiveRoots live, List<PendingPurge> pending) {
        Set<String> liveKeys = live.roots().stream().map(LiveRoots.LiveRoot::key).collect(Collectors.toSet());
        List<PendingPurge> purgeable = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (PendingPurge purge : pending) {
            if (liveKeys.contains(blockKey(purge.multihash()))) {
                kept.add(purge.entryKey());
            } else {
                purgeable.add(purge);
            }
        }
        return new Split(purgeable, kept);
    }

    static String blockKey(String multihashBase32) {
        return Cid.v1(Codec.RAW, Multihash.fromBase32(multihashBase32)).toString();
    }

    /**
     * The CIDs to walk the blocked DAG from, in order: the entry's CID when it named one; else, from the multihash,
     * dag-pb (UnixFS files and directories) and, when the node's block does not decode as dag-pb, raw (a one-block
     * file with raw leaves).
     */
    static List<String> walkable(PendingPurge purge) {
        if (purge.cid() != null) {
            return List.of(purge.cid());
        }
        Multihash multihash = Multihash.fromBase32(purge.multihash());
        return List.of(Cid.v1(Codec.DAG_PB, multihash).toString(), Cid.v1(Codec.RAW, multihash).toString());
    }

    /** Walks each blocked DAG into the index; one pinned again meanwhile (null id) is left pending. */
    private Uni<Ready> indexAll(String nodeId, KuboClient node, List<PendingPurge> purgeable) {
        List<PendingPurge> indexed = new ArrayList<>();
        return Multi.createFrom().iterable(purgeable)
                .onItem().transformToUniAndConcatenate(purge -> indexFirstWalkable(nodeId, node, walkable(purge))
                        .invoke(id -> {
                            if (id != null) {
                                indexed.add(purge);
                            }
                        }))
                .collect().asList()
                .map(ids -> new Ready(indexed, ids.stream().filter(id -> id != null).toList()));
    }

    /** Indexes the DAG from the first of these CIDs the node can walk (a failed walk leaves nothing in the index). */
    private Uni<Long> indexFirstWalkable(String nodeId, KuboClient node, List<String> cids) {
        Uni<Long> first = index.indexBlocked(nodeId, node, cids.get(0));
        if (cids.size() == 1) {
            return first;
        }
        return first.onFailure().recoverWithUni(failure -> {
            LOG.debugf("blocked content %s on %s does not walk as %s (%s); trying %s", cids.get(0), nodeId, cids.get(0),
                    failure.getMessage(), cids.get(1));
            return indexFirstWalkable(nodeId, node, cids.subList(1, cids.size()));
        });
    }

    private record Split(List<PendingPurge> purgeable, List<String> kept) {
    }

    private record Ready(List<PendingPurge> purgeable, List<Long> rootIds) {
    }
}
