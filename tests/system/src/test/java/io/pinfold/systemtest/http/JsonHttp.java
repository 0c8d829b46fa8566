package io.pinfold.systemtest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a service's REST API, as an operator's client makes them; JSON in and out. */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String bearerToken;

    public JsonHttp() {
        this(null);
    }

    private JsonHttp(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /** The same calls, sent with 'Authorization: Bearer <token>' (the token never appears in an answer's text). */
    public JsonHttp withBearer(String token) {
        return new JsonHttp(token);
    }

    /** Status and body of one answer. */
    public record Answer(String method, String url, int status, String body) {

        /** The body as JSON; fails naming the call when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "{}" : body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(this + ": the body is not JSON: " + e.getOriginalMessage());
            }
        }

        @Override
        public String toString() {
            return method + " " + url + " → " + status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A GET that accepts any media type, e.g. Prometheus text from /q/metrics or Swagger UI's HTML. */
    public Answer getAnything(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), "*/*");
    }

    public Answer post(String url, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body for " + url + " is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** An empty POST, e.g. to probe a path that must not exist. */
    public Answer post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder builder) {
        return send(builder, "application/json");
    }

    private Answer send(HttpRequest.Builder builder, String accept) {
        builder.timeout(TIMEOUT).header("Accept", accept);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(request.method(), request.uri().toString(), response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
