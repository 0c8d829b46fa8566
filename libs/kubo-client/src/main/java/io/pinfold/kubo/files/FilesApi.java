package io.pinfold.kubo.files;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;

/** The node's mutable file system: {@code files stat} (MFS roots also keep blocks from GC). */
public final class FilesApi {

    private final KuboTransport transport;
    private final CallLimits limits;

    public FilesApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** {@code path} is an MFS path ("/", "/dir/file") or an {@code /ipfs/<cid>} path. */
    public Uni<FilesStat> stat(String path) {
        return transport.callJson(KuboRequest.command("files/stat").arg(path), limits.timeout(), FilesStat::from);
    }
}
