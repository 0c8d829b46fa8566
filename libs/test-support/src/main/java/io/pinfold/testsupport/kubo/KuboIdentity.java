package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's peer ID and addresses, asked over RPC ({@code POST /api/v0/id}). Plain JDK and a pattern
 * over two known fields, so test-support needs no JSON library for it.
 */
record KuboIdentity(String peerId, List<String> addresses) {

    private static final Pattern PEER_ID = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ADDRESSES = Pattern.compile("\"Addresses\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    static KuboIdentity probe(String name, URI rpcUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl + "/api/v0/id"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PartFailedException("pinfold: kubo: " + name + " at " + rpcUrl + " does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartFailedException("pinfold: kubo: interrupted while asking " + name + " at " + rpcUrl);
        }
        if (response.statusCode() != 200) {
            throw new PartFailedException("pinfold: kubo: " + name + " at " + rpcUrl + " answered HTTP "
                    + response.statusCode() + " to /api/v0/id: " + response.body().strip());
        }
        return parse(name, response.body());
    }

    static KuboIdentity parse(String name, String json) {
        Matcher id = PEER_ID.matcher(json);
        if (!id.find()) {
            throw new PartFailedException("pinfold: kubo: " + name + ": /api/v0/id answer has no ID: " + json);
        }
        List<String> addresses = new ArrayList<>();
        Matcher list = ADDRESSES.matcher(json);
        if (list.find()) {
            Matcher item = QUOTED.matcher(list.group(1));
            while (item.find()) {
                addresses.add(item.group(1));
            }
        }
        return new KuboIdentity(id.group(1), List.copyOf(addresses));
    }

    /** The TCP loopback address another local node dials, with the peer ID appended when missing. */
    Optional<String> loopbackSwarmAddress() {
        return addresses.stream()
                .filter(a -> a.startsWith("/ip4/127.0.0.1/tcp/") && !a.contains("/ws"))
                .findFirst()
                .map(a -> a.contains("/p2p/") ? a : a + "/p2p/" + peerId);
    }
}
