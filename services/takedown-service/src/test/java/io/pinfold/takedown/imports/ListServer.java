package io.pinfold.takedown.imports;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback serving lists, as a list host does: ETag (a hash of the body) and Last-Modified,
 * 304 to a matching If-None-Match. A list can be served without validators, or with another Content-Type, or
 * stalling: its headers and part of its body sent, then nothing more while the connection stays open.
 */
final class ListServer implements AutoCloseable {
    /** {@code stallAt}: the bytes sent before the server goes silent (the connection open, the body unfinished); -1 to send it all. */
    private record Served(Buffer body, String etag, String lastModified, String contentType, boolean validators, int stallAt) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, Served> lists = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> full = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

    ListServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            Served served = lists.get(request.path());
            if (served == null) {
                request.response().setStatusCode(404).end("no such list");
                return;
            }
            String ifNoneMatch = request.getHeader("If-None-Match");
            if (served.validators() && served.etag().equals(ifNoneMatch)) {
                notModified.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
                request.response().setStatusCode(304).putHeader("ETag", served.etag()).end();
                return;
            }
            full.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
            var response = request.response().putHeader("Content-Type", served.contentType());
            if (served.validators()) {
                response.putHeader("ETag", served.etag()).putHeader("Last-Modified", served.lastModified());
            }
            if (served.stallAt() >= 0) {
                response.putHeader("Content-Length", Integer.toString(served.body().length()));
                response.write(served.body().slice(0, served.stallAt()));
                return;
            }
            response.end(served.body());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    void serve(String path, String text) {
        serve(path, text, "text/plain; charset=utf-8", true);
    }

    void serve(String path, String text, String contentType, boolean validators) {
        serve(path, text, contentType, validators, -1);
    }

    /** Sends the headers (Content-Length of the whole list) and the first {@code bytes} bytes, then nothing more. */
    void serveStalling(String path, String text, int bytes) {
        serve(path, text, "text/plain; charset=utf-8", true, bytes);
    }

    private void serve(String path, String text, String contentType, boolean validators, int stallAt) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String etag;
        try {
            etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16) + "\"";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        lists.put(path, new Served(Buffer.buffer(bytes), etag, lastModified, contentType, validators, stallAt));
    }

    int fullAnswers(String path) {
        return full.getOrDefault(path, new AtomicInteger()).get();
    }

    int notModifiedAnswers(String path) {
        return notModified.getOrDefault(path, new AtomicInteger()).get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
