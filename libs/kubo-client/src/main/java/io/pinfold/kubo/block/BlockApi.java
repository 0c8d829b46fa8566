package io.pinfold.kubo.block;

import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/** Raw blocks: {@code block stat} and {@code block rm}. */
public final class BlockApi {

    private final KuboTransport transport;
    private final Duration timeout;

    public BlockApi(KuboTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Size of one block; fetches it from peers when the node does not have it. */
    public Uni<BlockStat> stat(String cid) {
        return transport.callJson(KuboRequest.command("block/stat").arg(cid), timeout, BlockStat::from);
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
        return transport.streamJson(KuboRequest.command("block/rm").args(cids).option("force", force), timeout,
                BlockRemoval::from);
    }
}
