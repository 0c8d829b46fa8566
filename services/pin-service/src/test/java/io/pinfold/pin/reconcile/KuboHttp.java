package io.pinfold.pin.reconcile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test's own hand on a real Kubo node's RPC, to add content and to look at (or change) its pins behind the service's back. */
public final class KuboHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HASH = Pattern.compile("\"Hash\":\"([^\"]+)\"");

    private KuboHttp() {
    }

    /** Adds {@code size} random bytes, unpinned, and answers the CID (v1). */
    public static String addRandom(URI rpc, int size) {
        return add(rpc, size, false);
    }

    /** The CID {@code size} random bytes would have, without storing them anywhere: content no node can fetch. */
    static String hashOnly(URI rpc, int size) {
        return add(rpc, size, true);
    }

    private static String add(URI rpc, int size, boolean onlyHash) {
        byte[] data = new byte[size];
        new java.util.Random().nextBytes(data);
        String boundary = "pinfold-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        String answer = post(rpc, "add?pin=false&cid-version=1&chunker=size-1024&only-hash=" + onlyHash, HttpRequest.BodyPublishers.ofByteArray(body),
                "multipart/form-data; boundary=" + boundary);
        Matcher hash = HASH.matcher(answer);
        if (!hash.find()) {
            throw new IllegalStateException("kubo add answered " + answer);
        }
        return hash.group(1);
    }

    /** Whether the node pins {@code cid} recursively. */
    public static boolean pinned(URI rpc, String cid) {
        String answer = postRaw(rpc, "pin/ls?type=recursive&arg=" + cid).body();
        return answer.contains("\"" + cid + "\"");
    }

    static void pinRm(URI rpc, String cid) {
        post(rpc, "pin/rm?arg=" + cid, HttpRequest.BodyPublishers.noBody(), null);
    }

    static void pinAdd(URI rpc, String cid) {
        post(rpc, "pin/add?arg=" + cid, HttpRequest.BodyPublishers.noBody(), null);
    }

    private static String post(URI rpc, String command, HttpRequest.BodyPublisher body, String contentType) {
        HttpResponse<String> response = send(rpc, command, body, contentType);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("kubo " + command + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> postRaw(URI rpc, String command) {
        return send(rpc, command, HttpRequest.BodyPublishers.noBody(), null);
    }

    private static HttpResponse<String> send(URI rpc, String command, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rpc.toString().replaceAll("/$", "") + "/api/v0/" + command))
                .POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("kubo " + command + " at " + rpc + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
