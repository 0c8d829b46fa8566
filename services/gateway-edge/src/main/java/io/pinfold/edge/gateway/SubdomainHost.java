package io.pinfold.edge.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Host of a subdomain-gateway request, {@code <root>.ipfs.<domain>} or {@code <root>.ipns.<domain>} with
 * {@code <domain>} one of the configured gateway domains: the root is one DNS label (a CIDv1 in base32/base36, an IPNS
 * key in base36, or a DNSLink domain inlined as '.' → '-', '-' → "--"). The request is then the path-gateway request
 * {@code /<namespace>/<root><path>}, parsed, checked and forwarded like any other, so no form of the Host gets around a
 * block.
 *
 * @param namespace {@code ipfs} or {@code ipns}
 * @param root      the label, lower-cased (DNS names are case-insensitive)
 */
record SubdomainHost(String namespace, String root) {

    /** The subdomain request a Host header names, or empty for any other Host (then the path decides). */
    static Optional<SubdomainHost> of(String host, List<String> domains) {
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String domain : domains) {
            String suffix = "." + domain.toLowerCase(Locale.ROOT).strip();
            if (suffix.length() < 2 || !name.endsWith(suffix)) {
                continue;
            }
            String rest = name.substring(0, name.length() - suffix.length());
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            String namespace = rest.substring(dot + 1);
            String root = rest.substring(0, dot);
            if ((namespace.equals("ipfs") || namespace.equals("ipns")) && root.indexOf('.') < 0) {
                return Optional.of(new SubdomainHost(namespace, root));
            }
        }
        return Optional.empty();
    }

    /** The path-gateway path of this request; {@code path} is the request's path (starts with '/'). */
    String gatewayPath(String path) {
        return "/" + namespace + "/" + root + (path == null || path.isEmpty() ? "/" : path);
    }
}
