package io.pinfold.gc.strategy;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.pinfold.events.gc.GcMode;
import io.pinfold.gc.config.GcConfig;
import io.pinfold.kubo.KuboClient;
import io.pinfold.kubo.repo.RepoStat;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kubo's own {@code repo gc}: every block no pin or MFS reaches goes, while the node holds its GC lock for the whole
 * call (so the node is drained). Bytes freed are the repo's size before minus after, read with size-only repo stat.
 */
@ApplicationScoped
public class FullGc implements GcStrategy {
    private final GcConfig config;

    public FullGc(GcConfig config) {
        this.config = config;
    }

    @Override
    public GcMode mode() {
        return GcMode.FULL;
    }

    @Override
    public boolean drainsNode() {
        return true;
    }

    @Override
    @WithSpan("gc.full")
    public Multi<RunTotals> collect(String nodeId, KuboClient node) {
        // The first item of repo gc comes only after Kubo walked every pin: that deadline must be long.
        KuboClient patient = node.withTimeout(config.fullGcTimeout());
        return patient.repo().stat(true).onItem().transformToMulti(before -> {
            AtomicLong removed = new AtomicLong();
            long started = System.nanoTime();
            Multi<RunTotals> during = patient.repo().gc()
                    .filter(result -> result.removedCid().isPresent())
                    .map(result -> new RunTotals(removed.incrementAndGet(), 0, millisSince(started), millisSince(started)));
            Multi<RunTotals> end = Multi.createFrom().deferred(() -> {
                long lockMillis = millisSince(started);
                return patient.repo().stat(true)
                        .map(after -> new RunTotals(removed.get(), freed(before, after), lockMillis, millisSince(started)))
                        .toMulti();
            });
            return Multi.createBy().concatenating().streams(during, end);
        });
    }

    private static long freed(RepoStat before, RepoStat after) {
        return Math.max(0, before.repoSize() - after.repoSize());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
