package io.pinfold.systemtest.kubo;

import io.pinfold.testsupport.kubo.KuboNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adds a file to a real Kubo node through its RPC API (the test's side: the edge never calls RPC). */
public final class KuboAdd {
    private static final Pattern HASH = Pattern.compile("\"Hash\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KuboAdd() {
    }

    /** Adds and pins one file as CIDv0 (dag-pb, the Qm… form); returns its CID. */
    public static String dagPbFile(KuboNode node, byte[] content) throws Exception {
        String boundary = "pinfold-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.rpc() + "/api/v0/add?pin=true&cid-version=0"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        Matcher hash = HASH.matcher(response.body());
        if (response.statusCode() != 200 || !hash.find()) {
            throw new IllegalStateException(node.name() + ": ipfs add answered " + response.statusCode() + ": " + response.body());
        }
        return hash.group(1);
    }
}
