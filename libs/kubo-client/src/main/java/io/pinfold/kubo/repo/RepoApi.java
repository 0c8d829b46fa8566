package io.pinfold.kubo.repo;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The node's repository: {@code repo stat} and {@code repo gc}. */
public final class RepoApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public RepoApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Counting objects walks the whole blockstore; {@code sizeOnly} skips that for a cheap answer. */
    public Uni<RepoStat> stat(boolean sizeOnly) {
        return transport.callJson(KuboRequest.command("repo/stat").option("size-only", sizeOnly), limits.timeout(),
                RepoStat::from);
    }

    public Uni<RepoStat> stat() {
        return stat(false);
    }

    /**
     * A full garbage collection, each removed block reported as it goes and errors streamed as items.
     * When there were errors, Kubo ends the stream with a failure after the last item. The node holds
     * its GC lock for the whole run, so pins wait meanwhile. The first item comes only after Kubo has
     * walked every pin: give a large repo a longer deadline ({@code client.withTimeout(…)}). After
     * that, the stream idle timeout bounds each gap between removed blocks.
     */
    public Multi<GcResult> gc() {
        return transport.streamJson(KuboRequest.command("repo/gc").option("stream-errors", true), limits,
                GcResult::from);
    }
}
