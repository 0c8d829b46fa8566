package io.pinfold.gc.strategy;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.gc.index.BlockIndex;
import io.pinfold.kubo.KuboClient;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Removes exactly the blocks of DAGs no longer kept that no live root (pins of any kind, by anyone; MFS) reaches,
 * found in the {@link BlockIndex}, and deletes them with Pinfold's {@code pinfold/reclaim} in batches: each batch
 * holds the node's GC lock only for itself, and deletes only if the live roots are still those the candidates were
 * computed from (see {@link IndexedReclaim}). The node stays in service; a pin issued meanwhile waits for one batch at
 * most.
 */
@ApplicationScoped
public class TargetedGc implements GcStrategy {
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
        return Multi.createFrom().deferred(() -> new IndexedReclaim(index, config, nodeId,
                node.withTimeout(config.targetedCallTimeout()), fingerprint -> index.candidates(nodeId)).run());
    }
}
