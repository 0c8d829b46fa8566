package io.pinfold.kubo.dag;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
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
}
