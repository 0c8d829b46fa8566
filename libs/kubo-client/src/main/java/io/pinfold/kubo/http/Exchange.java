package io.pinfold.kubo.http;

import io.pinfold.kubo.error.KuboIdleTimeoutException;
import io.pinfold.kubo.error.KuboTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One RPC call to Kubo and its answer, with a deadline, an idle watch once a streamed answer has
 * begun, and an abort. Ends exactly once: by
 * {@link #finish()}, by {@link #fail}, or by {@link #abort()} when the subscriber cancels; whatever
 * comes after the end is ignored, and an unfinished request is reset so Kubo stops its work.
 *
 * <p>A request whose pooled connection closes before any answer is sent once more when
 * {@link ResendRule} allows it. A request and answer that are both complete are never reset: Vert.x
 * has handed their connection back to the pool by then, and resetting would close it under the next call.
 */
final class Exchange {

    private final Vertx vertx;
    private final KuboRequest rpc;
    private final Duration timeout;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Context context;
    private volatile HttpClientRequest request;
    // Per attempt. The request flag is set under the lock that ends the exchange, so an ended
    // exchange never ends its request afterwards; the answer flag is set on the request's context.
    private volatile boolean requestEnded;
    private volatile boolean answerEnded;
    private volatile long timerId = -1;
    private volatile IdleWatch idle;
    private final AtomicInteger sends = new AtomicInteger();

    Exchange(Vertx vertx, KuboRequest rpc, Duration timeout, Consumer<Throwable> onFailure) {
        this.vertx = vertx;
        this.rpc = rpc;
        this.timeout = timeout;
        this.onFailure = onFailure;
    }

    String call() {
        return rpc.command();
    }

    Duration timeout() {
        return timeout;
    }

    boolean isEnded() {
        return ended.get();
    }

    /**
     * Sends the request; {@code onResponse} gets the answer's head, whatever its status, and
     * {@code onTransportFailure} a failure below HTTP that is not resent.
     */
    void start(HttpClient http, RequestOptions options, ServedConnections served, Consumer<HttpClientResponse> onResponse,
            Consumer<Throwable> onTransportFailure) {
        if (ended.get()) {
            return; // cancelled before it began
        }
        // Vert.x runs the request's handlers on the caller's context; resets are decided there too.
        context = vertx.getOrCreateContext();
        timerId = vertx.setTimer(timeout.toMillis(), id -> fail(new KuboTimeoutException(call(), timeout)));
        send(http, options, served, onResponse, onTransportFailure);
    }

    private void send(HttpClient http, RequestOptions options, ServedConnections served,
            Consumer<HttpClientResponse> onResponse, Consumer<Throwable> onTransportFailure) {
        sends.incrementAndGet();
        http.request(options).onComplete(opened -> {
            if (opened.failed()) {
                // Nothing was sent; a closed pooled connection shows up here too.
                retryOrFail(opened.cause(), true, false, () -> send(http, options, served, onResponse, onTransportFailure),
                        onTransportFailure);
                return;
            }
            HttpClientRequest req = opened.result();
            synchronized (this) {
                request = req;
                requestEnded = false;
                answerEnded = false;
            }
            if (ended.get()) {
                req.reset(); // never written: Vert.x just gives the connection back
                return;
            }
            boolean reused = served.reuse(req.connection());
            AtomicBoolean written = new AtomicBoolean();
            req.response().onComplete(answered -> {
                if (answered.failed()) {
                    retryOrFail(answered.cause(), reused, written.get(),
                            () -> send(http, options, served, onResponse, onTransportFailure), onTransportFailure);
                } else if (!ended.get()) {
                    onResponse.accept(answered.result());
                }
            });
            UploadBody body = rpc.body().orElse(null);
            if (body != null && body.isStreamed()) {
                req.putHeader("Content-Type", body.contentType()).setChunked(true);
                body.chunks().subscribe(new UploadWriter(this, req, body, onTransportFailure));
            } else if (endingRequest()) {
                if (body != null) {
                    req.putHeader("Content-Type", body.contentType());
                }
                (body == null ? req.end() : req.end(body.whole())).onSuccess(ignored -> written.set(true));
            }
        });
    }

    private void retryOrFail(Throwable failure, boolean reused, boolean written, Runnable resend,
            Consumer<Throwable> onTransportFailure) {
        if (!ended.get() && ResendRule.allows(rpc, failure, reused, written, sends.get())) {
            resend.run();
        } else {
            onTransportFailure.accept(failure);
        }
    }

    /**
     * Called right before the request's last bytes are written; false when the exchange has
     * already ended, and then the request must stay unfinished (it is being reset).
     */
    synchronized boolean endingRequest() {
        if (ended.get()) {
            return false;
        }
        requestEnded = true;
        return true;
    }

    /** The answer has been read to its end (on the request's context). */
    void answered() {
        answerEnded = true;
    }

    /** The answer's head arrived: a streamed call now runs until its end, not against the deadline. */
    void stopDeadline() {
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    /**
     * From now on the exchange fails with {@link KuboIdleTimeoutException} when {@link #progressed()}
     * is not called for {@code idleTimeout}; called on the request's context when a streamed answer begins.
     */
    void watchIdle(Duration idleTimeout) {
        IdleWatch watch = new IdleWatch(vertx, idleTimeout, () -> fail(new KuboIdleTimeoutException(call(), idleTimeout)));
        idle = watch;
        watch.start();
        if (ended.get()) {
            watch.stop(); // ended while the watch was being set up
        }
    }

    void progressed() {
        IdleWatch watch = idle;
        if (watch != null) {
            watch.progressed();
        }
    }

    /** Reading is paused for a slow subscriber: its silence is not Kubo's. */
    void readingPaused() {
        IdleWatch watch = idle;
        if (watch != null) {
            watch.suspend();
        }
    }

    void readingResumed() {
        IdleWatch watch = idle;
        if (watch != null) {
            watch.resume();
        }
    }

    private void stopWatches() {
        stopDeadline();
        IdleWatch watch = idle;
        if (watch != null) {
            watch.stop();
        }
    }

    /** Marks a successful end; false if the exchange had already ended. */
    boolean finish() {
        if (!end()) {
            return false;
        }
        stopWatches();
        return true;
    }

    void fail(Throwable failure) {
        if (end()) {
            stopWatches();
            resetIfUnfinished();
            onFailure.accept(failure);
        }
    }

    /** The subscriber went away (cancel, or its own timeout): drop the request. */
    void abort() {
        if (end()) {
            stopWatches();
            resetIfUnfinished();
        }
    }

    private synchronized boolean end() {
        return ended.compareAndSet(false, true);
    }

    /**
     * Resets the request unless both it and its answer are complete. Decided on the request's
     * context, where the answer's end is seen, so a reset never races the connection's return to the pool.
     */
    private void resetIfUnfinished() {
        Context ctx = context;
        if (ctx == null) {
            return; // never started
        }
        if (Vertx.currentContext() == ctx) {
            resetNowIfUnfinished();
        } else {
            ctx.runOnContext(ignored -> resetNowIfUnfinished());
        }
    }

    private void resetNowIfUnfinished() {
        HttpClientRequest req;
        boolean complete;
        synchronized (this) {
            req = request;
            complete = requestEnded && answerEnded;
        }
        if (req != null && !complete) {
            req.reset();
        }
    }
}
