package io.pinfold.takedown.imports;

import java.io.IOException;
import java.io.InputStream;

/**
 * A list to read: its bytes as they arrive (never held whole) and what its server said about it.
 *
 * @param httpStatus   200 for a fetched list, null for an upload
 * @param etag         the ETag to send as If-None-Match next time, when the server gave one
 * @param lastModified the Last-Modified to send as If-Modified-Since next time, when the server gave one
 */
public record ListBody(InputStream stream, String contentType, Integer httpStatus, String etag, String lastModified)
        implements AutoCloseable {
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
