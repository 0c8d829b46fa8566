package io.pinfold.takedown.imports;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** Fetches an outside list, conditionally: empty when the server says it has not changed since the validators. */
public interface ListFetcher {
    /**
     * @param etag         the ETag of the last completed import, or null
     * @param lastModified the Last-Modified of the last completed import, or null
     * @return the list, or empty when the server answered 304 Not Modified
     * @throws IOException for a network failure or an answer other than 200 and 304 (the message says which)
     */
    Optional<ListBody> fetch(URI url, String etag, String lastModified) throws IOException, InterruptedException;
}
