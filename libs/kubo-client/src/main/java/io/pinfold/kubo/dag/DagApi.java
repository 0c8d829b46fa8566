package io.pinfold.kubo.dag;

import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/** DAG-level questions: {@code dag stat}. */
public final class DagApi {

    private final KuboTransport transport;
    private final Duration timeout;

    public DagApi(KuboTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Walks the DAGs (fetching missing blocks) and answers their sizes; admission checks use this. */
    public Uni<DagStat> stat(List<String> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("dag stat roots: at least one CID is needed");
        }
        return transport.callJson(KuboRequest.command("dag/stat").args(roots).option("progress", false), timeout,
                DagStat::from);
    }

    public Uni<DagStat> stat(String root) {
        return stat(List.of(root));
    }
}
