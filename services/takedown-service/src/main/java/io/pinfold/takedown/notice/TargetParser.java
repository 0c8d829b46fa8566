package io.pinfold.takedown.notice;

import io.pinfold.denylist.ContentRequest;
import io.pinfold.denylist.PathRule;
import io.pinfold.denylist.Target;
import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.InvalidCidException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reads a notice target in every form a complainant pastes into what it names. Pure: no I/O, no DNS (a
 * DNSLink domain is taken as named; whether it has a record does not change what may be blocked).
 *
 * <ul>
 *   <li>a CID of any version and multibase ({@code bafy...}, {@code Qm...}), optionally with a path
 *       ({@code bafy.../a/b}); a libp2p-key CID ({@code k51...}) is an IPNS name</li>
 *   <li>content paths {@code /ipfs/<cid>/<path>}, {@code /ipns/<name>/<path>}</li>
 *   <li>a DNSLink domain ({@code example.org}), optionally with a path</li>
 *   <li>gateway URLs: path ({@code https://host/ipfs/<cid>/<path>}), subdomain
 *       ({@code https://<cid>.ipfs.host/<path>}, {@code https://<name>.ipns.host/<path>} with DNSLink names
 *       inlined, '.' as '-' and '-' as "--"), and {@code ipfs://}, {@code ipns://}</li>
 * </ul>
 *
 * A trailing {@code *} makes the path a prefix ({@code bafy.../films/*}: everything below films), as in
 * IPIP-383. Normalisation (percent-decoding, dot segments, IPNS key forms, punycode) is the denylist
 * library's, so a target names exactly what the gateway will match.
 */
public final class TargetParser {
    /** Longest target text accepted; a URL with a long path still fits, a pasted document does not. */
    public static final int MAX_LENGTH = 2048;

    public ParsedTarget parse(String text) {
        if (text == null || text.strip().isEmpty()) {
            throw new TargetParseException("is empty");
        }
        String input = text.strip();
        if (input.length() > MAX_LENGTH) {
            throw new TargetParseException("is " + input.length() + " characters long, at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < input.length(); i++) {
            if (Character.isWhitespace(input.charAt(i)) || Character.isISOControl(input.charAt(i))) {
                throw new TargetParseException("contains white space; give one CID, name or URL per target (percent-encode spaces in paths)");
            }
        }
        try {
            return read(input);
        } catch (TargetParseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // InvalidContentRequestException and the library's refusals (bad CID, bad domain, path above the root).
            throw new TargetParseException(e.getMessage());
        }
    }

    private static ParsedTarget read(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipfs://") || lower.startsWith("ipns://")) {
            return native_(input, lower.startsWith("ipfs://"));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return gatewayUrl(input);
        }
        if (lower.contains("://")) {
            throw new TargetParseException("URL scheme '" + input.substring(0, input.indexOf("://")) + "' is not supported: use https://, http://, ipfs:// or ipns://");
        }
        if (input.startsWith("/ipfs/") || input.startsWith("/ipns/") || input.startsWith("/ipld/")) {
            String rest = input.startsWith("/ipld/") ? "/ipfs/" + input.substring(6) : input;
            return fromRequest(input, rest.startsWith("/ipfs/"), rest.substring(6));
        }
        if (input.startsWith("/")) {
            throw new TargetParseException("a path must start with /ipfs/ or /ipns/");
        }
        return bare(input);
    }

    /** {@code ipfs://<cid>/<path>} and {@code ipns://<name>/<path>}, as browsers with IPFS support write them. */
    private static ParsedTarget native_(String input, boolean ipfs) {
        String rest = input.substring("ipfs://".length());
        if (rest.isEmpty() || rest.startsWith("/")) {
            throw new TargetParseException("is missing the " + (ipfs ? "CID" : "name") + " after " + input.substring(0, 7));
        }
        return fromRequest(input, ipfs, rest);
    }

    /** A CID, CID/path, IPNS key, key/path, domain or domain/path without any prefix. */
    private static ParsedTarget bare(String input) {
        int slash = input.indexOf('/');
        String root = slash < 0 ? input : input.substring(0, slash);
        if (root.endsWith("*")) {
            root = root.substring(0, root.length() - 1); // fromRequest says why "<cid>*" is no rule
        }
        Cid cid = null;
        try {
            cid = Cid.parse(root);
        } catch (InvalidCidException notCid) {
            // Not a CID: an IPNS key (peer ID) or a domain, which the IPNS reading tells apart.
        }
        if (cid != null && !Codec.LIBP2P_KEY.equals(cid.codec())) {
            return fromRequest(input, true, input);
        }
        if (cid == null && root.indexOf('.') < 0 && !looksLikePeerId(root)) {
            throw new TargetParseException("'" + root + "' is not a CID, an IPNS name, a domain or a URL");
        }
        return fromRequest(input, false, input);
    }

    private static boolean looksLikePeerId(String text) {
        return text.startsWith("12D3Koo") || text.startsWith("Qm") && text.length() == 46;
    }

    private static ParsedTarget gatewayUrl(String input) {
        URI uri;
        try {
            uri = new URI(input);
        } catch (URISyntaxException e) {
            throw new TargetParseException("is not a valid URL: " + e.getReason());
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (rawPath.startsWith("/ipfs/") || rawPath.startsWith("/ipns/")) {
            String rest = rawPath.substring(6);
            if (rest.isEmpty()) {
                throw new TargetParseException("the URL path " + rawPath + " is missing the " + (rawPath.startsWith("/ipfs/") ? "CID" : "name"));
            }
            return fromRequest(input, rawPath.startsWith("/ipfs/"), rest);
        }
        String host = uri.getHost() != null ? uri.getHost() : authorityHost(uri.getRawAuthority());
        if (host != null) {
            String[] labels = host.split("\\.");
            if (labels.length >= 3 && (labels[1].equalsIgnoreCase("ipfs") || labels[1].equalsIgnoreCase("ipns"))) {
                boolean ipfs = labels[1].equalsIgnoreCase("ipfs");
                return fromRequest(input, ipfs, labels[0] + rawPath);
            }
        }
        throw new TargetParseException("is not a gateway URL: expected /ipfs/<cid> or /ipns/<name> in the path, "
                + "or a <cid>.ipfs.<gateway> or <name>.ipns.<gateway> host; for a DNSLink website give its domain");
    }

    /** Hosts with '_' (DNSLink labels may have them) are registry-based authorities to java.net.URI. */
    private static String authorityHost(String authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.indexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        return colon > 0 ? host.substring(0, colon) : host;
    }

    /**
     * {@code rootAndPath}: "<cid or name>[/<raw path>]"; a trailing '*' makes the path a prefix. A query or
     * fragment is dropped: it never changes what the gateway serves.
     */
    private static ParsedTarget fromRequest(String input, boolean ipfs, String rootAndPath) {
        String text = stripQuery(rootAndPath);
        boolean prefix = text.endsWith("*");
        if (prefix) {
            text = text.substring(0, text.length() - 1);
        }
        int slash = text.indexOf('/');
        String root = slash < 0 ? text : text.substring(0, slash);
        String rawPath = slash < 0 ? "" : text.substring(slash);
        if (root.isEmpty()) {
            throw new TargetParseException("is missing the " + (ipfs ? "CID" : "name"));
        }
        if (prefix && slash < 0) {
            // "<cid>*" would be a prefix of the CID text, which IPIP-383 has no rule for.
            throw new TargetParseException("'*' must follow a '/': use <cid>/* for everything below the content");
        }
        ContentRequest request = ipfs ? ContentRequest.ipfs(root, rawPath) : ContentRequest.ipns(root, rawPath);
        String path = request.path();
        PathRule rule = prefix ? PathRule.prefix(path) : path.isEmpty() ? PathRule.ROOT : PathRule.exact(path);
        if (request.cid() != null) {
            return new ParsedTarget(input, new Target.Content(request.cid().multihash()), rule, request.cid());
        }
        Target target = request.ipnsKey() != null ? new Target.IpnsKey(request.ipnsKey()) : new Target.Dnslink(request.domain());
        return new ParsedTarget(input, target, rule, null);
    }

    private static String stripQuery(String text) {
        int end = text.length();
        int query = text.indexOf('?');
        int fragment = text.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return text.substring(0, end);
    }
}
