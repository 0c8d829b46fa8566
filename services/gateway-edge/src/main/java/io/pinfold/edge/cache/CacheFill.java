package io.pinfold.edge.cache;

import io.pinfold.ipfs.cid.Cid;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One answer being copied into the cache while it streams to the client: the chunks are appended as they pass (the
 * client is never waited for), and the answer is kept only when its body ended whole, within the size limit and, if
 * the node announced a Content-Length, exactly that long. Past the limit, or past the shared budget for bodies being
 * copied, the copy is dropped at once and the stream goes on uncached. Every fill ends exactly once (kept or
 * dropped), which frees its place: {@link #abandon()} after the end is harmless.
 */
public final class CacheFill {
    private final CacheKey key;
    private final List<Map.Entry<String, String>> headers;
    private final List<Cid> roots;
    private final long expectedLength;
    private final int maxBytes;
    private final FillBudget budget;
    private final Consumer<CachedAnswer> keep;
    private final Runnable ended;
    private Buffer body;
    private long reserved;
    private boolean done;

    /** {@code reserved}: bytes of {@code budget} already taken for the start of the body (its whole length when known). */
    CacheFill(CacheKey key, List<Map.Entry<String, String>> headers, List<Cid> roots, long expectedLength, int maxBytes,
              FillBudget budget, long reserved, Consumer<CachedAnswer> keep, Runnable ended) {
        this.key = key;
        this.headers = headers;
        this.roots = roots;
        this.expectedLength = expectedLength;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.keep = keep;
        this.ended = ended;
        this.reserved = reserved;
        this.body = Buffer.buffer((int) reserved);
    }

    public CacheKey key() {
        return key;
    }

    /** A chunk as it was sent to the client. */
    public synchronized void append(Buffer chunk) {
        if (done) {
            return;
        }
        long length = (long) body.length() + chunk.length();
        if (length > maxBytes || expectedLength >= 0 && length > expectedLength) {
            abandon();
            return;
        }
        if (length > reserved) {
            long more = Math.max(length, Math.min(maxBytes, 2 * reserved)) - reserved;
            if (!budget.reserve(more)) {
                abandon();
                return;
            }
            reserved += more;
        }
        body.appendBuffer(chunk);
    }

    /** The body ended as the node sent it: kept if it is whole. */
    public synchronized void complete() {
        if (done) {
            return;
        }
        if (expectedLength >= 0 && body.length() != expectedLength) {
            abandon();
            return;
        }
        // A body of unknown length grew by doubling: kept at its exact size.
        Buffer whole = expectedLength >= 0 ? body : body.copy();
        end();
        keep.accept(new CachedAnswer(headers, whole, roots));
    }

    /** The stream failed, was cut or stopped: nothing is kept. */
    public synchronized void abandon() {
        if (!done) {
            end();
        }
    }

    private void end() {
        done = true;
        body = null;
        budget.release(reserved);
        reserved = 0;
        ended.run();
    }
}
