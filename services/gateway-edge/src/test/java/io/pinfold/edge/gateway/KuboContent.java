package io.pinfold.edge.gateway;

import io.pinfold.testsupport.kubo.KuboNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adds content to a real Kubo node through its RPC API (test side only: the edge never talks to RPC). */
final class KuboContent {
    private static final Pattern LINE = Pattern.compile("\"Name\":\"([^\"]*)\",\"Hash\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KuboContent() {
    }

    /** Adds the files wrapped in one directory (CIDv1, raw leaves); returns name -> CID, the directory under "". */
    static Map<String, String> addDirectory(KuboNode node, Map<String, byte[]> files) throws Exception {
        return add(node, files, "cid-version=1&raw-leaves=true&wrap-with-directory=true");
    }

    /** Adds one file as CIDv0 (dag-pb, the Qm… form); returns its CID. */
    static String addDagPbFile(KuboNode node, byte[] content) throws Exception {
        return add(node, Map.of("f", content), "cid-version=0").get("f");
    }

    /** Generates an ed25519 key on the node ({@code ipfs key gen}); returns its IPNS name as Kubo prints it (base36 CIDv1). */
    static String generateKey(KuboNode node, String name) throws Exception {
        String body = rpc(node, "/api/v0/key/gen?type=ed25519&arg=" + name);
        Matcher id = Pattern.compile("\"Id\":\"([^\"]+)\"").matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("ipfs key gen answered " + body);
        }
        return id.group(1);
    }

    /** {@code ipfs name publish --key=<key> <path>}: the key's IPNS name resolves to {@code path} on this node. */
    static void publishName(KuboNode node, String key, String path) throws Exception {
        rpc(node, "/api/v0/name/publish?allow-offline=true&lifetime=1h&key=" + key + "&arg=" + path);
    }

    private static String rpc(KuboNode node, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.rpc() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Map<String, String> add(KuboNode node, Map<String, byte[]> files, String options) throws Exception {
        String boundary = "pinfold-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getKey()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.rpc() + "/api/v0/add?pin=true&" + options))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ipfs add answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, String> added = new LinkedHashMap<>();
        Matcher matcher = LINE.matcher(response.body());
        while (matcher.find()) {
            added.put(matcher.group(1), matcher.group(2));
        }
        return added;
    }
}
