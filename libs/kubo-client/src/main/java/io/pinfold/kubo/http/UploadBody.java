package io.pinfold.kubo.http;

import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Flow;

/**
 * A single file sent as {@code multipart/form-data}, the way Kubo's {@code add} expects it. The
 * content is either in memory or a publisher of chunks, so large files never sit whole in memory.
 */
public final class UploadBody {

    private final String fileName;
    private final Buffer content;
    private final Flow.Publisher<Buffer> stream;
    private final String boundary = "pinfold-" + UUID.randomUUID();

    private UploadBody(String fileName, Buffer content, Flow.Publisher<Buffer> stream) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.content = content;
        this.stream = stream;
    }

    public static UploadBody of(String fileName, byte[] content) {
        return new UploadBody(fileName, Buffer.buffer(Objects.requireNonNull(content, "content")), null);
    }

    public static UploadBody streamed(String fileName, Flow.Publisher<Buffer> chunks) {
        return new UploadBody(fileName, null, Objects.requireNonNull(chunks, "chunks"));
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public Buffer head() {
        // Kubo reads the file name as a URL-escaped path.
        String name = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Buffer.buffer("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
    }

    public Buffer tail() {
        return Buffer.buffer("\r\n--" + boundary + "--\r\n");
    }

    public boolean isStreamed() {
        return stream != null;
    }

    /** The whole body, for in-memory content. */
    public Buffer whole() {
        if (content == null) {
            throw new IllegalStateException("streamed body has no in-memory form");
        }
        return Buffer.buffer().appendBuffer(head()).appendBuffer(content).appendBuffer(tail());
    }

    public Flow.Publisher<Buffer> chunks() {
        return stream;
    }
}
