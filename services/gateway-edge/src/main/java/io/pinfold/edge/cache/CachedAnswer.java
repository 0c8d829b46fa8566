package io.pinfold.edge.cache;

import io.pinfold.ipfs.cid.Cid;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * A 200 answer to a GET of immutable content, kept whole: its headers as the node sent them (hop-by-hop ones and
 * Date left out), its body, and the CIDs the node met resolving it (X-Ipfs-Roots and the Etag's CID), which the
 * denylist is asked about again before every hit.
 */
public record CachedAnswer(List<Map.Entry<String, String>> headers, Buffer body, List<Cid> roots) {

    public CachedAnswer {
        headers = List.copyOf(headers);
        roots = List.copyOf(roots);
    }

    /** Bytes the answer takes in memory, roughly: the body, the header text and a fixed cost per header and root. */
    int weight() {
        int weight = 64 + body.length();
        for (Map.Entry<String, String> header : headers) {
            weight += 48 + 2 * (header.getKey().length() + header.getValue().length());
        }
        return weight + 96 * roots.size();
    }
}
