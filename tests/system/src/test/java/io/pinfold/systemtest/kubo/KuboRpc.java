package io.pinfold.systemtest.kubo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The few Kubo RPC calls the system tests make themselves, straight to a node: put blocks, list recursive pins. */
public final class KuboRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI rpc;

    public KuboRpc(URI rpc) {
        this.rpc = rpc;
    }

    /** Stores the blocks as raw sha2-256 blocks, unpinned, in one multipart block/put; answers their CIDs in order. */
    public List<String> putRawBlocks(List<byte[]> blocks) {
        String boundary = "pinfold-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < blocks.size(); i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"block-" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(blocks.get(i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String answer = post("block/put?cid-codec=raw&mhtype=sha2-256&pin=false",
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "multipart/form-data; boundary=" + boundary);
        return answer.lines().filter(line -> !line.isBlank()).map(line -> read(line).path("Key").asText()).toList();
    }

    /** The CIDs of the node's recursive pins, as the node prints them. */
    public Set<String> recursivePins() {
        JsonNode keys = read(post("pin/ls?type=recursive", HttpRequest.BodyPublishers.noBody(), null)).path("Keys");
        Set<String> cids = new HashSet<>();
        keys.fieldNames().forEachRemaining(cids::add);
        return cids;
    }

    private String post(String command, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rpc.resolve("/api/v0/" + command)).timeout(Duration.ofSeconds(60)).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("kubo " + command + " at " + rpc + " → " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("kubo " + command + " at " + rpc + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during kubo " + command, e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
