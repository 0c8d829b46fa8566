package io.pinfold.pin.node;

import io.pinfold.runtime.rest.RequestRejected;
import java.net.URI;
import java.net.URISyntaxException;

/** Checks the URLs a node registration carries: absolute http(s), with a host, no query or fragment. */
final class NodeUrls {
    private NodeUrls() {
    }

    static URI require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RequestRejected.badRequest(field, "must not be blank");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw RequestRejected.badRequest(field, "not a URL (" + e.getReason() + ")");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw RequestRejected.badRequest(field, "must be an http or https URL, got '" + value + "'");
        }
        if (uri.getHost() == null) {
            throw RequestRejected.badRequest(field, "must name a host, got '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RequestRejected.badRequest(field, "must not carry a query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    static URI optional(String field, String value) {
        return value == null || value.isBlank() ? null : require(field, value);
    }
}
