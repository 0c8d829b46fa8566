package io.pinfold.kubo.http;

import io.pinfold.kubo.error.KuboUploadFailedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** Writes a streamed upload into the request, one chunk at a time, waiting when the socket is full. */
final class UploadWriter implements Flow.Subscriber<Buffer> {

    private final Exchange exchange;
    private final HttpClientRequest request;
    private final UploadBody body;
    private final Consumer<Throwable> onFailure;
    private Flow.Subscription subscription;

    UploadWriter(Exchange exchange, HttpClientRequest request, UploadBody body, Consumer<Throwable> onFailure) {
        this.exchange = exchange;
        this.request = request;
        this.body = body;
        this.onFailure = onFailure;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        request.write(body.head());
        subscription.request(1);
    }

    @Override
    public void onNext(Buffer chunk) {
        if (exchange.isEnded()) {
            // Timed out, cancelled or failed: stop pulling the caller's content.
            subscription.cancel();
            return;
        }
        request.write(chunk);
        if (request.writeQueueFull()) {
            request.drainHandler(ignored -> subscription.request(1));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        onFailure.accept(new KuboUploadFailedException(exchange.call(), failure));
    }

    @Override
    public void onComplete() {
        if (exchange.endingRequest()) {
            request.end(body.tail());
        }
    }
}
