package io.pinfold.kubo.block;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Raw blocks: {@code block stat} and {@code block rm}. */
public final class BlockApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public BlockApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Size of one block; fetches it from peers when the node does not have it. */
    public Uni<BlockStat> stat(String cid) {
        return transport.callJson(KuboRequest.command("block/stat").arg(cid), limits.timeout(), BlockStat::from);
    }

    /**
     * Removes several blocks in one call, one result per block as Kubo goes: a pinned or absent block
     * is a result with an error, not a failure of the whole call. With {@code force}, absent blocks
     * are not reported as errors.
     */
    public Multi<BlockRemoval> rm(List<String> cids, boolean force) {
        if (cids.isEmpty()) {
            return Multi.createFrom().empty();
        }
        return transport.streamJson(KuboRequest.command("block/rm").args(cids).option("force", force), limits,
                BlockRemoval::from);
    }
}
