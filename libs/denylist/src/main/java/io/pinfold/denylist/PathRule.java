package io.pinfold.denylist;

import java.util.Objects;

/**
 * The path part of a rule, below its CID or IPNS name: percent-decoded, normalised (no leading,
 * trailing or doubled slashes, no dot segments), and either exact or a prefix ({@code *} in the list).
 *
 * <p>A prefix is a prefix of the path text, as the spec and NOpfs define it: {@code ab*} and
 * {@code ab/*} both match {@code ab}, {@code abc} and {@code ab/c}; {@link #ANY} ({@code /*}) matches
 * every path including the empty one.
 *
 * @param path   decoded path without leading or trailing '/', "" for the root
 * @param prefix whether the rule matches every path starting with {@code path}
 */
public record PathRule(String path, boolean prefix) {

    /** The name or CID itself, no path below it ({@code /ipfs/CID}). */
    public static final PathRule ROOT = new PathRule("", false);
    /** The name or CID and every path below it ({@code /ipfs/CID/*}). */
    public static final PathRule ANY = new PathRule("", true);

    /** Longest path a rule may name, in characters; a rule is stored whole in memory. */
    public static final int MAX_LENGTH = 8192;

    public PathRule {
        Objects.requireNonNull(path, "path");
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("path is " + path.length() + " characters long, at most " + MAX_LENGTH + " are allowed");
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("path rule must be normalised, got '" + path + "'");
        }
    }

    /** Exactly this normalised path. */
    public static PathRule exact(String path) {
        return new PathRule(path, false);
    }

    /** Every path starting with this normalised text. */
    public static PathRule prefix(String path) {
        return new PathRule(path, true);
    }

    /** Whether a normalised request path ("" for the root, "a/b" below it) falls under this rule. */
    public boolean matches(String requestPath) {
        return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
    }

    /** Whether the rule names the CID or name itself and nothing below it. */
    public boolean isRoot() {
        return !prefix && path.isEmpty();
    }
}
