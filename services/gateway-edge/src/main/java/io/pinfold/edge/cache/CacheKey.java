package io.pinfold.edge.cache;

/**
 * What makes two requests get the same answer from a Kubo gateway: the upstream URI (the normalised path the edge
 * forwards, the root as the client wrote it, and the query with ?format= and the like), and the forwarded request
 * headers that select a representation. The root is not reduced to its multihash: Kubo's Etag and X-Ipfs-Roots
 * repeat the CID as asked, so each spelling keeps its own entry.
 */
public record CacheKey(String uri, String accept, String acceptEncoding, String origin, String serviceWorker) {

    /** Bytes the key takes in memory, roughly: characters of its parts and the objects around them. */
    int weight() {
        return 96 + 2 * (length(uri) + length(accept) + length(acceptEncoding) + length(origin) + length(serviceWorker));
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
