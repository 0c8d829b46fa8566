package io.pinfold.denylist;

/**
 * Receives what {@link DenylistParser} reads, in list order. By default a bad line stops the parse
 * (the exception is thrown out of {@code parse}); a sink that overrides {@link #badLine} and returns
 * goes on with the next line instead, as the spec allows ("log it and discard the rule").
 */
public interface DenylistSink {

    /** Called once, before any entry: the list's header, or {@link DenylistHeader#NONE}. */
    default void header(DenylistHeader header) {
    }

    /** One rule; a line whose double hash reads both as a multihash and as hex gives two (spec). */
    void entry(long line, DenylistEntry entry);

    default void badLine(DenylistSyntaxException problem) {
        throw problem;
    }
}
