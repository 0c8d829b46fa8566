package io.pinfold.takedown.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a blocking stream, with an idle (read) timeout: a {@code read} that waits longer than
 * {@code idle} for the server's next bytes cancels the response and throws {@link HttpTimeoutException} naming the
 * URL, the wait and how far the body got. Written here because the JDK client's own {@code ofInputStream()} body
 * blocks for as long as the server stays silent (its request timeout ends when the headers arrive), so a list
 * server that stalls mid-body would hold the import's worker and its source's lease for good.
 *
 * <p>Subscribes to the client's body publisher one buffer list at a time (the next is requested when the reader
 * takes one), so at most two lists are held whatever the speed of either side. Only the time a reader spends
 * waiting counts: a reader busy elsewhere (writing a batch) does not make the server idle.
 */
final class IdleTimeoutBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final URI url;
    private final Duration idle;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean ended;
    private long bytes;

    IdleTimeoutBody(URI url, Duration idle) {
        this.url = url;
        this.idle = idle;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (closed) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        arrived.add(failure);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer buffer = current();
        if (buffer == null) {
            return -1;
        }
        bytes++;
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer buffer = current();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(into, offset, n);
        bytes += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** The buffer to read from, waiting at most {@code idle} for the server; null at the end of the body. */
    private ByteBuffer current() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (ended) {
                return null;
            }
            if (closed) {
                throw new IOException("the body of " + url + " is closed");
            }
            Object next;
            try {
                next = arrived.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while reading " + url);
            }
            if (next == null) {
                close();
                throw new HttpTimeoutException("GET " + url + ": the server sent nothing for " + seconds(idle)
                        + " (pinfold.imports.read-timeout) after " + bytes + " bytes of the body; the run stops");
            }
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof Throwable failure) {
                throw new IOException("GET " + url + ": reading the body failed after " + bytes + " bytes: " + failure.getMessage(), failure);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) next;
            buffers = list.iterator();
            subscription.request(1);
        }
        return current;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Cancels the response (the client closes its connection); later reads fail. */
    @Override
    public void close() {
        closed = true;
        Flow.Subscription held = subscription;
        if (held != null) {
            held.cancel();
        }
        arrived.clear();
    }
}
