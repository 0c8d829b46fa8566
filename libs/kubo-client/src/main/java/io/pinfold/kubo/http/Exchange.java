package io.pinfold.kubo.http;

import io.pinfold.kubo.error.KuboTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One HTTP request to Kubo and its answer, with a deadline and an abort. Ends exactly once: by
 * {@link #finish()}, by {@link #fail}, or by {@link #abort()} when the subscriber cancels; whatever
 * comes after the end is ignored, and an unfinished request is reset so Kubo stops its work.
 */
final class Exchange {

    private final Vertx vertx;
    private final String call;
    private final Duration timeout;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile HttpClientRequest request;
    private volatile long timerId = -1;

    Exchange(Vertx vertx, String call, Duration timeout, Consumer<Throwable> onFailure) {
        this.vertx = vertx;
        this.call = call;
        this.timeout = timeout;
        this.onFailure = onFailure;
    }

    String call() {
        return call;
    }

    Duration timeout() {
        return timeout;
    }

    boolean isEnded() {
        return ended.get();
    }

    /** Sends the request; {@code onResponse} gets the answer's head, whatever its status. */
    void start(HttpClient http, RequestOptions options, UploadBody body, Consumer<HttpClientRequest> onRequest,
            Consumer<HttpClientResponse> onResponse, Consumer<Throwable> onTransportFailure) {
        if (ended.get()) {
            return; // cancelled before it began
        }
        timerId = vertx.setTimer(timeout.toMillis(), id -> fail(new KuboTimeoutException(call, timeout)));
        http.request(options).onComplete(opened -> {
            if (opened.failed()) {
                onTransportFailure.accept(opened.cause());
                return;
            }
            HttpClientRequest req = opened.result();
            request = req;
            if (ended.get()) {
                req.reset();
                return;
            }
            onRequest.accept(req);
            req.response().onComplete(answered -> {
                if (answered.failed()) {
                    onTransportFailure.accept(answered.cause());
                } else if (!ended.get()) {
                    onResponse.accept(answered.result());
                }
            });
            if (body == null) {
                req.end();
            } else if (!body.isStreamed()) {
                req.putHeader("Content-Type", body.contentType()).end(body.whole());
            } else {
                req.putHeader("Content-Type", body.contentType()).setChunked(true);
                body.chunks().subscribe(new UploadWriter(this, req, body, onTransportFailure));
            }
        });
    }

    /** The answer's head arrived: a streamed call now runs until its end, not against the deadline. */
    void stopDeadline() {
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    /** Marks a successful end; false if the exchange had already ended. */
    boolean finish() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        stopDeadline();
        return true;
    }

    void fail(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            stopDeadline();
            resetRequest();
            onFailure.accept(failure);
        }
    }

    /** The subscriber went away (cancel, or its own timeout): drop the request. */
    void abort() {
        if (ended.compareAndSet(false, true)) {
            stopDeadline();
            resetRequest();
        }
    }

    private void resetRequest() {
        HttpClientRequest req = request;
        if (req != null) {
            req.reset();
        }
    }
}
