package io.pinfold.edge.gateway;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.InvalidContentRequestException;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A path-gateway request as the edge checks and forwards it. What is checked against the denylist
 * ({@link #content()}, normalised by the library) and what is fetched ({@link #upstreamPath()}) come from the same
 * parse: the upstream path is rebuilt from the normalised segments, so no dot segment, doubled slash or
 * percent-encoding can make Kubo resolve something other than what was checked. The root is forwarded as the client
 * wrote it (decoded), so Kubo's answers (Etag, redirects) are the ones its own clients would get.
 *
 * @param ipns         whether the root is an IPNS name or DNSLink domain rather than a CID
 * @param content      the normalised request the denylist matches
 * @param upstreamPath {@code /ipfs/<root>[/<segments>][/]}, percent-encoded, what the Kubo gateway is asked for
 * @param query        the raw query string, forwarded as is (null when none)
 * @param requestPath  the path as received, for {@code X-Ipfs-Path}
 * @param format       the response format asked for, for metrics
 */
public record GatewayRequest(boolean ipns, ContentRequest content, String upstreamPath, String query, String requestPath,
                             ResponseFormat format) {

    /**
     * @param path   the request path after HTTP dot-segment removal, still percent-encoded; starts with /ipfs/ or /ipns/
     * @param query  the raw query string or null
     * @param accept the Accept header or null
     * @param rawPath the path exactly as received (X-Ipfs-Path)
     * @throws BadGatewayRequestException naming what is wrong (answered 400)
     */
    public static GatewayRequest parse(String path, String query, String accept, String rawPath) {
        boolean ipfs = path.startsWith("/ipfs/");
        if (!ipfs && !path.startsWith("/ipns/")) {
            throw new BadGatewayRequestException("path", "expected /ipfs/<cid>[/path] or /ipns/<name>[/path]");
        }
        int from = 6;
        while (from < path.length() && path.charAt(from) == '/') {
            from++;
        }
        int slash = path.indexOf('/', from);
        String rootText = slash < 0 ? path.substring(from) : path.substring(from, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        if (rootText.isEmpty()) {
            throw new BadGatewayRequestException("path", "missing the " + (ipfs ? "CID" : "IPNS name") + " after " + path.substring(0, 6));
        }
        ResponseFormat format = ResponseFormat.of(queryValue(query, "format"), accept);
        ContentRequest content;
        try {
            content = ipfs ? ContentRequest.ipfs(rootText, rest) : ContentRequest.ipns(rootText, rest);
        } catch (InvalidContentRequestException e) {
            throw new BadGatewayRequestException("path", e.getMessage());
        }
        if (content.domain() != null && content.domain().indexOf('.') < 0) {
            // Kubo would try it as a DNS name and answer 500; a DNSLink name is a fully qualified domain.
            throw new BadGatewayRequestException("path", "'" + rootText + "' is neither an IPNS key nor a DNSLink domain (a domain has a dot)");
        }
        String root = decode(rootText);
        if (content.domain() != null && root.indexOf('.') < 0) {
            // A DNSLink domain inlined in one label (a subdomain gateway's form): Kubo is asked for the domain it stands for.
            root = content.domain();
        }
        StringBuilder upstream = new StringBuilder(path.length() + 16).append(ipfs ? "/ipfs/" : "/ipns/");
        encodeSegment(root, upstream);
        if (!content.path().isEmpty()) {
            for (String segment : content.path().split("/", -1)) {
                encodeSegment(segment, upstream.append('/'));
            }
        }
        if (rest.endsWith("/")) {
            upstream.append('/');
        }
        return new GatewayRequest(!ipfs, content, upstream.toString(), query, headerSafe(rawPath, upstream.toString()), format);
    }

    /** The upstream path with the query, as sent to a Kubo gateway. */
    public String upstreamUri() {
        return query == null || query.isEmpty() ? upstreamPath : upstreamPath + "?" + query;
    }

    /** The first value of a query parameter, decoded, or null. */
    static String queryValue(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadGatewayRequestException(name, "bad percent-encoding in the query: " + e.getMessage());
                }
            }
        }
        return null;
    }

    /** The root text decoded once (the library has validated it already; this is only for forwarding). */
    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString().strip();
        } catch (CharacterCodingException e) {
            throw new BadGatewayRequestException("path", "the root is not UTF-8 once percent-decoded");
        }
    }

    /** Percent-encodes everything but RFC 3986 pchar's unreserved, sub-delims, ':' and '@'. */
    static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    /** The received path when it can go into a header as is, else the rebuilt one. */
    private static String headerSafe(String rawPath, String rebuilt) {
        if (rawPath == null) {
            return rebuilt;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return rebuilt;
            }
        }
        return rawPath;
    }
}
