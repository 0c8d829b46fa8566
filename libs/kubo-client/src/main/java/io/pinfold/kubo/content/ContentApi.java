package io.pinfold.kubo.content;

import io.pinfold.kubo.http.CallLimits;
import io.pinfold.kubo.http.KuboRequest;
import io.pinfold.kubo.http.KuboTransport;
import io.pinfold.kubo.http.UploadBody;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/** Content in and out of a node: {@code add}, {@code cat}, {@code refs}, {@code refs local}. */
public final class ContentApi {

    private static final String DEFAULT_FILE_NAME = "content";

    private final KuboTransport transport;
    private final CallLimits limits;

    public ContentApi(KuboTransport transport, CallLimits limits) {
        this.transport = transport;
        this.limits = limits;
    }

    /** Adds bytes held in memory as one file. */
    public Uni<AddResult> add(byte[] content, AddOptions options) {
        return add(UploadBody.of(DEFAULT_FILE_NAME, content), options);
    }

    /** Adds a file read chunk by chunk from {@code content}; the deadline covers the whole upload. */
    public Uni<AddResult> add(Flow.Publisher<byte[]> content, AddOptions options) {
        Flow.Publisher<Buffer> chunks = Multi.createFrom().publisher(content).map(Buffer::buffer);
        return add(UploadBody.streamed(DEFAULT_FILE_NAME, chunks), options);
    }

    private Uni<AddResult> add(UploadBody body, AddOptions options) {
        Objects.requireNonNull(options, "options");
        KuboRequest request = KuboRequest.command("add")
                .option("progress", false)
                .optionIfPresent("cid-version", options.cidVersion())
                .optionIfPresent("raw-leaves", options.rawLeaves())
                .optionIfPresent("pin", options.pin())
                .optionIfPresent("chunker", options.chunker())
                .option("only-hash", options.onlyHash())
                .option("wrap-with-directory", options.wrapWithDirectory())
                .body(body);
        return transport.callJsonAll(request, limits.timeout(), AddedEntry::from).map(AddResult::new);
    }

    /** The bytes of a file, whole. For large files prefer {@link #catStream}. */
    public Uni<byte[]> cat(String path) {
        return transport.call(KuboRequest.command("cat").arg(path), limits.timeout()).map(Buffer::getBytes);
    }

    /** The bytes of a file as they arrive; the deadline covers the first bytes, the stream idle timeout each gap after. */
    public Multi<byte[]> catStream(String path) {
        return transport.stream(KuboRequest.command("cat").arg(path), limits).map(Buffer::getBytes);
    }

    /** The blocks linked from {@code path}, streamed. */
    public Multi<Ref> refs(String path, RefsOptions options) {
        KuboRequest request = KuboRequest.command("refs").arg(path)
                .option("recursive", options.recursive())
                .option("unique", options.unique());
        options.maxDepth().ifPresent(depth -> request.option("max-depth", depth));
        return transport.streamJson(request, limits, Ref::from);
    }

    /** Every block in the node's repo, streamed (a large repo is never held in memory). */
    public Multi<Ref> refsLocal() {
        return transport.streamJson(KuboRequest.command("refs/local"), limits, Ref::from);
    }
}
