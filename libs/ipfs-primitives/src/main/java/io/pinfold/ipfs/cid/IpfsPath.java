package io.pinfold.ipfs.cid;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A content path: a root CID and the path segments below it, as in {@code /ipfs/<cid>/a/b}.
 * Immutable. Segments are stored percent-decoded; "." and empty segments are dropped and ".." is
 * refused, so a path can never climb above its root.
 */
public final class IpfsPath {

    private static final String SUBJECT = "not an IPFS path";
    private static final String PATH_PREFIX = "/ipfs/";
    private static final String URI_PREFIX = "ipfs://";

    private final Cid root;
    private final List<String> segments;

    private IpfsPath(Cid root, List<String> segments) {
        this.root = root;
        this.segments = segments;
    }

    /**
     * Parses {@code /ipfs/<cid>/path}, {@code ipfs://<cid>/path} or {@code <cid>/path}. Surrounding
     * whitespace is ignored, and so are a query ("?...") and a fragment ("#...").
     *
     * @throws InvalidCidException "not an IPFS path: ..." or, for the root, "not a CID: ..."
     */
    public static IpfsPath parse(String input) {
        String text = PastedText.trim(input);
        try {
            return decode(text);
        } catch (InvalidCidException e) {
            throw e.withInput(input);
        }
    }

    /** Builds a path from decoded segments; each must be non-empty, without '/', and not "." or "..". */
    public static IpfsPath of(Cid root, List<String> segments) {
        Objects.requireNonNull(root, "root");
        List<String> copy = List.copyOf(segments);
        for (int i = 0; i < copy.size(); i++) {
            String segment = copy.get(i);
            if (segment.isEmpty()) {
                throw new InvalidCidException(SUBJECT + ": segment " + (i + 1) + " is empty");
            }
            if (segment.indexOf('/') >= 0) {
                throw new InvalidCidException(SUBJECT + ": segment " + (i + 1) + " contains '/'");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidCidException(SUBJECT + ": '" + segment + "' segments are not allowed");
            }
        }
        return new IpfsPath(root, copy);
    }

    private static IpfsPath decode(String text) {
        if (text.isEmpty()) {
            throw new InvalidCidException(SUBJECT + ": empty input");
        }
        int end = endOfPath(text);
        int cidAt;
        if (text.startsWith(PATH_PREFIX)) {
            cidAt = PATH_PREFIX.length();
        } else if (text.regionMatches(true, 0, URI_PREFIX, 0, URI_PREFIX.length())) {
            cidAt = URI_PREFIX.length();
        } else if (text.charAt(0) != '/' && text.indexOf(':') < 0) {
            cidAt = 0;
        } else {
            throw new InvalidCidException(SUBJECT + ": expected /ipfs/<cid>, ipfs://<cid> or a CID");
        }
        int cidEnd = text.indexOf('/', cidAt);
        if (cidEnd < 0 || cidEnd > end) {
            cidEnd = end;
        }
        if (cidEnd == cidAt) {
            throw new InvalidCidException(SUBJECT + ": missing the CID after " + text.substring(0, cidAt));
        }
        Cid root = Cid.parse(text.substring(cidAt, cidEnd));
        return new IpfsPath(root, segments(text, cidEnd, end));
    }

    private static int endOfPath(String text) {
        int end = text.length();
        int query = text.indexOf('?');
        int fragment = text.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return end;
    }

    private static List<String> segments(String text, int from, int end) {
        List<String> segments = new ArrayList<>();
        int start = from;
        while (start < end) {
            int slash = text.indexOf('/', start + 1);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            String segment = PathSegmentCoding.decode(text, start + 1, segmentEnd, segments.size() + 1);
            if (segment.equals("..")) {
                throw new InvalidCidException(SUBJECT + ": '..' segments are not allowed");
            }
            if (segment.indexOf('/') >= 0) {
                throw new InvalidCidException(SUBJECT + ": segment " + (segments.size() + 1) + " contains '/'");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            start = segmentEnd;
        }
        return List.copyOf(segments);
    }

    public Cid root() {
        return root;
    }

    /** The decoded segments below the root; empty for the root itself. Unmodifiable. */
    public List<String> segments() {
        return segments;
    }

    /** Canonical form: {@code /ipfs/<canonical cid>/<percent-encoded segments>}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(PATH_PREFIX).append(root);
        for (String segment : segments) {
            PathSegmentCoding.encode(segment, out.append('/'));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpfsPath && ((IpfsPath) other).root.equals(root) && ((IpfsPath) other).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return 31 * root.hashCode() + segments.hashCode();
    }
}
