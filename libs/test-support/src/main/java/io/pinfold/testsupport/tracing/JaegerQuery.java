package io.pinfold.testsupport.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads traces back through Jaeger's HTTP query API (the one its UI uses): {@code /api/services} and
 * {@code /api/traces?service=…&operation=…}.
 */
public final class JaegerQuery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JaegerQuery(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Names of the services Jaeger has received spans from. */
    public List<String> services() {
        List<String> services = new ArrayList<>();
        get("/api/services").path("data").forEach(name -> services.add(name.asText()));
        return services;
    }

    /** The latest traces (at most 20) that hold a span of that service, and of that operation when given. */
    public List<Trace> traces(String service, Optional<String> operation) {
        StringBuilder path = new StringBuilder("/api/traces?limit=20&lookback=1h&service=").append(encode(service));
        operation.ifPresent(op -> path.append("&operation=").append(encode(op)));
        List<Trace> traces = new ArrayList<>();
        get(path.toString()).path("data").forEach(trace -> traces.add(toTrace(trace)));
        return traces;
    }

    /** One trace by id, if Jaeger has it. */
    public Optional<Trace> trace(String traceId) {
        JsonNode data = get("/api/traces/" + encode(traceId), true).path("data");
        return data.isArray() && !data.isEmpty() ? Optional.of(toTrace(data.get(0))) : Optional.empty();
    }

    /**
     * Polls until a trace of that service and operation matches, since spans arrive in batches after the
     * work is done. Fails with what Jaeger did have when none matched in time.
     */
    public Trace awaitTrace(String service, String operation, Predicate<Trace> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Trace> seen = List.of();
        while (true) {
            seen = traces(service, Optional.of(operation));
            for (Trace trace : seen) {
                if (matching.test(trace)) {
                    return trace;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Jaeger at " + baseUrl + " has no matching trace of service '" + service
                        + "', operation '" + operation + "' after " + timeout.toMillis() + " ms; it has "
                        + seen.size() + " trace(s) of it, and spans of services " + services());
            }
            sleep();
        }
    }

    public Trace awaitTrace(String service, String operation, Duration timeout) {
        return awaitTrace(service, operation, trace -> true, timeout);
    }

    private static Trace toTrace(JsonNode trace) {
        Map<String, String> serviceOfProcess = new HashMap<>();
        trace.path("processes").fields()
                .forEachRemaining(process -> serviceOfProcess.put(process.getKey(), process.getValue().path("serviceName").asText()));
        List<TraceSpan> spans = new ArrayList<>();
        for (JsonNode span : trace.path("spans")) {
            Optional<String> parent = Optional.empty();
            for (JsonNode reference : span.path("references")) {
                if ("CHILD_OF".equals(reference.path("refType").asText())) {
                    parent = Optional.of(reference.path("spanID").asText());
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            span.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
            spans.add(new TraceSpan(span.path("traceID").asText(), span.path("spanID").asText(), parent,
                    serviceOfProcess.getOrDefault(span.path("processID").asText(), ""),
                    span.path("operationName").asText(), tags));
        }
        return new Trace(trace.path("traceID").asText(), spans);
    }

    private JsonNode get(String path) {
        return get(path, false);
    }

    /** The JSON answer; with {@code notFoundIsEmpty}, a 404 (Jaeger's answer for an unknown trace) reads as {}. */
    private JsonNode get(String path, boolean notFoundIsEmpty) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (notFoundIsEmpty && response.statusCode() == 404) {
                return JSON.createObjectNode();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Jaeger query " + baseUrl + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Jaeger query " + baseUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying Jaeger at " + baseUrl, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a trace", e);
        }
    }
}
