package io.pinfold.testsupport.kubo;

import io.pinfold.testsupport.stack.PartFailedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads already-running nodes from the settings the local stack uses (environment, else system property). */
final class KuboNodeSource {

    static final String RPC_URLS = "PINFOLD_KUBO_RPC_URLS";
    static final String GATEWAY_URLS = "PINFOLD_KUBO_GATEWAY_URLS";

    private KuboNodeSource() {}

    /** The named nodes, or empty when {@code PINFOLD_KUBO_RPC_URLS} is not set. */
    static Optional<KuboNodes> fromSettings(Function<String, Optional<String>> settings) {
        List<URI> rpcUrls = urls(settings, RPC_URLS);
        if (rpcUrls.isEmpty()) {
            return Optional.empty();
        }
        List<URI> gatewayUrls = urls(settings, GATEWAY_URLS);
        if (gatewayUrls.size() != rpcUrls.size()) {
            throw new PartFailedException("pinfold: kubo: " + GATEWAY_URLS + " must list one gateway per URL of "
                    + RPC_URLS + " (" + rpcUrls.size() + " RPC URLs, " + gatewayUrls.size() + " gateway URLs)");
        }
        List<KuboNode> nodes = new ArrayList<>();
        for (int i = 0; i < rpcUrls.size(); i++) {
            String name = "kubo-" + (i + 1);
            KuboIdentity identity = KuboIdentity.probe(name, rpcUrls.get(i));
            nodes.add(new KuboNode(name, rpcUrls.get(i), gatewayUrls.get(i), identity.peerId(),
                    identity.loopbackSwarmAddress().orElse("")));
        }
        return Optional.of(new KuboNodes(nodes));
    }

    private static List<URI> urls(Function<String, Optional<String>> settings, String variable) {
        String value = settings.apply(variable).orElse("").strip();
        if (value.isEmpty()) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        for (String item : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            URI uri;
            try {
                uri = URI.create(item.endsWith("/") ? item.substring(0, item.length() - 1) : item);
            } catch (IllegalArgumentException e) {
                throw new PartFailedException("pinfold: kubo: " + variable + ": not a URL: '" + item + "'");
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new PartFailedException(
                        "pinfold: kubo: " + variable + ": expected http://host:port, got '" + item + "'");
            }
            urls.add(uri);
        }
        return urls;
    }
}
