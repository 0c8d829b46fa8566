package io.pinfold.kubo.http;

/**
 * Whether an item of a streamed answer shows the work moving on, for answers whose lines can come
 * without progress: {@code pin add --progress} reports every 500 ms whether or not a block arrived.
 * Streams without such a rule count every byte that arrives as progress.
 */
@FunctionalInterface
public interface StreamProgress<T> {

    /** True when {@code item} shows progress since {@code previous} (null for the first item). */
    boolean advanced(T previous, T item);
}
