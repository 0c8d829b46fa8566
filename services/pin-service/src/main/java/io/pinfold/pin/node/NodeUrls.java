package io.pinfold.pin.node;

import io.pinfold.events.validation.FieldChecks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks the URLs a node registration carries: absolute http(s) with a host, no user-info (credentials in a URL end
 * up in logs and events), no query or fragment, a port from 1 to 65535 when one is given. Hand-written because
 * java.net.URI accepts all of these; the checks are few and each needs its own message.
 */
final class NodeUrls {
    private NodeUrls() {
    }

    /** The URL in normal form (lower-case scheme, no trailing '/'), or null once its problem is added to checks. */
    static URI check(FieldChecks checks, String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            checks.add(field, problem);
            return null;
        }
        URI uri = URI.create(value.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "must not be blank";
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return "not an http or https URL such as http://127.0.0.1:15002 (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL, got '" + value + "'";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        if (uri.getHost() == null) {
            return "must name a host, got '" + value + "'";
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().endsWith(":")) {
            return "must give a port number after ':'";
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return "port must be between 1 and 65535, was " + uri.getPort();
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not carry a query or fragment";
        }
        return null;
    }
}
