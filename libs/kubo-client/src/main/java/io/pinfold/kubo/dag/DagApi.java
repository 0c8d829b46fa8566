package io.pinfold.kubo.dag;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** DAG-level questions: {@code dag stat}. */
public final class DagApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public DagApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Walks the DAGs (fetching missing blocks) and answers their sizes; admission checks use this. */
    public Uni<DagStat> stat(List<String> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("dag stat roots: at least one CID is needed");
        }
        return transport.callJson(KuboRequest.command("dag/stat").args(roots).option("progress", false), limits.timeout(),
                DagStat::from);
    }

    public Uni<DagStat> stat(String root) {
        return stat(List.of(root));
    }

    /**
     * {@code dag stat --progress}: one item per block walked (fetching the missing ones), each with the totals so far
     * (totalSize of the unique blocks, the root's NumBlocks counting every block visited; uniqueBlocks is 0 until the
     * last item, the summary). Cancelling the stream stops the walk, so a caller can stop fetching a DAG past a cap.
     * Subject to the client's stream idle timeout.
     */
    public Multi<DagStat> statWithProgress(String root) {
        return transport.streamJson(KuboRequest.command("dag/stat").arg(root).option("progress", true), limits, DagStat::from);
    }
}
