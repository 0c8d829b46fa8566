package io.pinfold.takedown.imports;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * Conditional GET with the JDK's HTTP client: If-None-Match and If-Modified-Since from the last completed import,
 * so an unchanged list costs one 304; the body is handed on as a stream, never buffered whole. The JDK client
 * because it streams a body to a blocking reader, which is how the parser reads; its body publisher is read through
 * {@link IdleTimeoutBody} so a server that stops sending mid-body fails the run after {@code read-timeout}
 * (the client's own request timeout covers only the wait for the headers).
 */
@ApplicationScoped
public class HttpListFetcher implements ListFetcher {
    private final HttpClient client;
    private final ImportConfig config;

    public HttpListFetcher(ImportConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Optional<ListBody> fetch(URI url, String etag, String lastModified) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(config.responseTimeout())
                .header("Accept", "text/plain, */*;q=0.5")
                .header("User-Agent", "pinfold-takedown-service (denylist import)");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        IdleTimeoutBody body = new IdleTimeoutBody(url, config.readTimeout());
        response.body().subscribe(body);
        int status = response.statusCode();
        if (status == 304) {
            body.close();
            return Optional.empty();
        }
        if (status != 200) {
            body.close();
            throw new IOException("GET " + url + " answered " + status + " (expected 200, or 304 when unchanged)");
        }
        return Optional.of(new ListBody(body, response.headers().firstValue("Content-Type").orElse(null), status,
                response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Last-Modified").orElse(null)));
    }
}
