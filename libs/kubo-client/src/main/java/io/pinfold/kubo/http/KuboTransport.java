package io.pinfold.kubo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.pinfold.kubo.error.KuboBadAnswerException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends RPC calls to one Kubo node over Vert.x's HTTP client. Every call is a POST (Kubo refuses
 * GET on /api/v0). Single-answer calls are bounded by their timeout as a whole; streamed calls by
 * the time to their first answer, then flow with back-pressure until the end, a cancel, or a stretch
 * without progress as long as their idle timeout.
 */
public final class KuboTransport implements AutoCloseable {

    private static final String STREAM_ERROR_TRAILER = "X-Stream-Error";
    static final long PAUSE_BACKLOG = 256;
    static final long RESUME_BACKLOG = 64;
    // Kubo never closes idle API connections (no IdleTimeout on its http.Server); a proxy in front
    // of it may, so the client drops its idle ones first.
    private static final int KEEP_ALIVE_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpClient http;
    private final String baseUrl;
    private final Optional<String> authorization;
    private final KuboErrorDecoder errors;
    private final ServedConnections served = new ServedConnections();

    public KuboTransport(Vertx vertx, URI rpcUrl, String baseUrl, Duration connectTimeout, int maxConnections,
            Optional<String> authorization) {
        this.vertx = vertx;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.errors = new KuboErrorDecoder(rpcUrl);
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS)
                        .setConnectTimeout((int) connectTimeout.toMillis()),
                new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /** A call with a single answer: its body, once complete. */
    public Uni<Buffer> call(KuboRequest request, Duration timeout) {
        return Uni.createFrom().emitter(emitter -> send(request, options(request, timeout), timeout, emitter::fail,
                emitter::onTermination, (exchange, response) -> response.body().onComplete(read -> {
                    if (read.failed()) {
                        exchange.fail(errors.fromTransport(exchange.call(), read.cause(), timeout));
                        return;
                    }
                    exchange.answered();
                    if (!failedByTrailer(exchange, response) && exchange.finish()) {
                        emitter.complete(read.result());
                    }
                })));
    }

    /** A call with a single JSON answer; when Kubo sends several values, the last one is the result. */
    public <T> Uni<T> callJson(KuboRequest request, Duration timeout, Function<JsonNode, T> mapper) {
        return call(request, timeout).map(body -> decodeLast(request.command(), body, mapper));
    }

    /** A call whose answer is a series of JSON values (one per line), all mapped, once complete. */
    public <T> Uni<List<T>> callJsonAll(KuboRequest request, Duration timeout, Function<JsonNode, T> mapper) {
        return call(request, timeout).map(body -> decodeAll(request.command(), body, mapper));
    }

    /** A streamed call whose items are raw byte chunks; any bytes arriving count as progress. */
    public Multi<Buffer> stream(KuboRequest request, CallLimits limits) {
        return stream(request, limits, ChunkDecoder.raw(), null);
    }

    /** A streamed call answering one JSON value per line, each mapped to an item as it arrives. */
    public <T> Multi<T> streamJson(KuboRequest request, CallLimits limits, Function<JsonNode, T> mapper) {
        return stream(request, limits, new NdjsonDecoder<>(mapper), null);
    }

    /** As {@link #streamJson(KuboRequest, CallLimits, Function)}, where only items that {@code progress} accepts count as progress. */
    public <T> Multi<T> streamJson(KuboRequest request, CallLimits limits, Function<JsonNode, T> mapper,
            StreamProgress<T> progress) {
        return stream(request, limits, new NdjsonDecoder<>(mapper), Objects.requireNonNull(progress, "progress"));
    }

    private <T> Multi<T> stream(KuboRequest request, CallLimits limits, ChunkDecoder<T> decoder, StreamProgress<T> progress) {
        Duration timeout = limits.timeout();
        // A streamed answer can be held back for a slow subscriber after Vert.x has read all of it and
        // pooled its connection, where a cancel's reset would close it under another call: so it is never pooled.
        RequestOptions options = options(request, timeout).putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        return Multi.createFrom().<T>emitter(emitter -> send(request, options, timeout, emitter::fail,
                emitter::onTermination, (exchange, response) -> {
                    // The deadline ends with the head; from here the stream must keep making progress.
                    exchange.stopDeadline();
                    exchange.watchIdle(limits.streamIdleTimeout());
                    pipe(response, decoder, progress, emitter, exchange, timeout);
                }), BackPressureStrategy.BUFFER);
    }

    /**
     * Sends the request in an exchange that ends with the subscription: a 200 answer goes to
     * {@code onAnswer}, any other status fails with Kubo's error body, a lost connection with a typed error.
     */
    private void send(KuboRequest request, RequestOptions options, Duration timeout, Consumer<Throwable> fail,
            Consumer<Runnable> onTermination, BiConsumer<Exchange, HttpClientResponse> onAnswer) {
        Exchange exchange = new Exchange(vertx, request, timeout, fail);
        onTermination.accept(exchange::abort);
        exchange.start(http, options, served,
                response -> {
                    if (response.statusCode() != 200) {
                        failFromErrorBody(exchange, response);
                        return;
                    }
                    onAnswer.accept(exchange, response);
                },
                failure -> exchange.fail(errors.fromTransport(exchange.call(), failure, timeout)));
    }

    /**
     * Feeds the body through the decoder. Reading pauses once the subscriber is more than
     * {@link #PAUSE_BACKLOG} items behind its demand and resumes when it has caught up to
     * {@link #RESUME_BACKLOG}; so memory stays bounded on a million pins, while a subscriber that got
     * exactly what it asked for still sees the end of the stream (a paused response holds back its end).
     */
    private <T> void pipe(HttpClientResponse response, ChunkDecoder<T> decoder, StreamProgress<T> progress,
            MultiEmitter<? super T> emitter, Exchange exchange, Duration timeout) {
        Context context = vertx.getOrCreateContext();
        Demand demand = new Demand();
        emitter.onRequest(n -> {
            demand.requested(n);
            context.runOnContext(ignored -> {
                if (!exchange.isEnded() && demand.paused() && demand.backlog() <= RESUME_BACKLOG) {
                    demand.resumed();
                    exchange.readingResumed();
                    response.resume();
                }
            });
        });
        demand.requested(emitter.requested());
        response.exceptionHandler(failure -> exchange.fail(errors.fromTransport(exchange.call(), failure, timeout)));
        AtomicReference<T> last = new AtomicReference<>();
        response.handler(chunk -> {
            if (exchange.isEnded()) {
                return;
            }
            if (progress == null) {
                exchange.progressed();
            }
            try {
                decoder.accept(chunk, item -> {
                    if (progress != null && progress.advanced(last.getAndSet(item), item)) {
                        exchange.progressed();
                    }
                    demand.emitted();
                    emitter.emit(item);
                });
            } catch (RuntimeException unreadable) {
                exchange.fail(new KuboBadAnswerException(exchange.call(), unreadable.getMessage(), unreadable));
                return;
            }
            if (!demand.paused() && demand.backlog() > PAUSE_BACKLOG) {
                demand.pausing();
                exchange.readingPaused();
                response.pause();
            }
        });
        response.endHandler(ignored -> {
            exchange.answered();
            if (exchange.isEnded()) {
                return;
            }
            try {
                decoder.finish(emitter::emit);
            } catch (RuntimeException unreadable) {
                exchange.fail(new KuboBadAnswerException(exchange.call(), unreadable.getMessage(), unreadable));
                return;
            }
            if (!failedByTrailer(exchange, response) && exchange.finish()) {
                emitter.complete();
            }
        });
    }

    private void failFromErrorBody(Exchange exchange, HttpClientResponse response) {
        int status = response.statusCode();
        response.body().onComplete(read -> {
            if (read.succeeded()) {
                exchange.answered();
            }
            exchange.fail(errors.fromResponse(exchange.call(), status, read.succeeded() ? read.result() : Buffer.buffer()));
        });
    }

    private boolean failedByTrailer(Exchange exchange, HttpClientResponse response) {
        String streamError = response.getTrailer(STREAM_ERROR_TRAILER);
        if (streamError == null || streamError.isBlank()) {
            return false;
        }
        exchange.fail(errors.fromStreamError(exchange.call(), streamError));
        return true;
    }

    private RequestOptions options(KuboRequest request, Duration timeout) {
        // Vert.x bounds the wait for a pooled connection by the request's connect timeout; that wait is
        // part of the call, so it gets the call's deadline (the TCP connect keeps connectTimeout).
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(baseUrl + request.pathAndQuery())
                .setConnectTimeout(timeout.toMillis());
        authorization.ifPresent(value -> options.putHeader("Authorization", value));
        return options;
    }

    private static <T> T decodeLast(String call, Buffer body, Function<JsonNode, T> mapper) {
        List<JsonNode> values = readValues(call, body);
        return map(call, values.get(values.size() - 1), mapper);
    }

    private static <T> List<T> decodeAll(String call, Buffer body, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        for (JsonNode value : readValues(call, body)) {
            items.add(map(call, value, mapper));
        }
        return items;
    }

    /** Kubo's JSON answers may hold several values one after the other; some span lines (config show). */
    private static List<JsonNode> readValues(String call, Buffer body) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JsonFields.MAPPER.readerFor(JsonNode.class).readValues(body.getBytes())) {
            while (values.hasNextValue()) {
                out.add(values.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new KuboBadAnswerException(call, "unreadable answer from Kubo: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new KuboBadAnswerException(call, "Kubo sent an empty answer", null);
        }
        return out;
    }

    private static <T> T map(String call, JsonNode value, Function<JsonNode, T> mapper) {
        try {
            return mapper.apply(value);
        } catch (RuntimeException e) {
            throw new KuboBadAnswerException(call, "unexpected answer from Kubo: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
