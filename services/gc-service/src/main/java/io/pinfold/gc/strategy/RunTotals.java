package io.pinfold.gc.strategy;

/**
 * Running totals of a run.
 *
 * @param blocksRemoved blocks removed so far
 * @param bytesFreed    bytes freed so far (a full GC knows them only at the end)
 * @param lockMillis    how long the node's GC lock was held so far
 * @param elapsedMillis time since the collection began
 */
public record RunTotals(long blocksRemoved, long bytesFreed, long lockMillis, long elapsedMillis) {
    public static final RunTotals NONE = new RunTotals(0, 0, 0, 0);
}
