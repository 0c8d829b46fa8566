package io.pinfold.denylist;

import java.util.Objects;

/**
 * The optional YAML header of a list. Absent fields are null; {@code version} defaults to 1, the
 * only version there is. The header's hints apply to every rule before the rule's own.
 */
public record DenylistHeader(int version, String name, String description, String author, Hints hints) {

    public static final int VERSION = 1;
    /** What a list without a header has. */
    public static final DenylistHeader NONE = new DenylistHeader(VERSION, null, null, null, Hints.NONE);

    public DenylistHeader {
        Objects.requireNonNull(hints, "hints");
    }
}
