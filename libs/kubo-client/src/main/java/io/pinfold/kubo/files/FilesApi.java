package io.pinfold.kubo.files;

import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** The node's mutable file system: {@code files stat} (MFS roots also keep blocks from GC). */
public final class FilesApi {

    private final KuboTransport transport;
    private final Duration timeout;

    public FilesApi(KuboTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** {@code path} is an MFS path ("/", "/dir/file") or an {@code /ipfs/<cid>} path. */
    public Uni<FilesStat> stat(String path) {
        return transport.callJson(KuboRequest.command("files/stat").arg(path), timeout, FilesStat::from);
    }
}
