package io.pinfold.kubo.content;

import java.util.Optional;

/** Options of {@code refs}: follow links below the first level, omit repeats, stop at a depth. */
public record RefsOptions(boolean recursive, boolean unique, Optional<Integer> maxDepth) {

    public static RefsOptions direct() {
        return new RefsOptions(false, false, Optional.empty());
    }

    /** Every block of the DAG once: what targeted GC and pin checks need. */
    public static RefsOptions allUnique() {
        return new RefsOptions(true, true, Optional.empty());
    }

    public RefsOptions withMaxDepth(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("refs maxDepth: must be 0 or more, got " + depth);
        }
        return new RefsOptions(true, unique, Optional.of(depth));
    }
}
