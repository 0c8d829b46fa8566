package io.pinfold.kubo.files;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;

/** The node's mutable file system: {@code files stat / cp / rm} (MFS roots also keep blocks from GC). */
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

    /** Copies {@code from} (an MFS path or {@code /ipfs/<cid>}) to the MFS path {@code to}; the MFS root then keeps it. */
    public Uni<Void> cp(String from, String to) {
        return transport.call(KuboRequest.command("files/cp").arg(from).arg(to), limits.timeout()).replaceWithVoid();
    }

    /** Removes the MFS path, recursively. */
    public Uni<Void> rm(String path) {
        return transport.call(KuboRequest.command("files/rm").arg(path).option("recursive", true), limits.timeout())
                .replaceWithVoid();
    }
}
