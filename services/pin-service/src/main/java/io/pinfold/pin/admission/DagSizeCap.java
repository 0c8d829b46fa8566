package io.pinfold.pin.admission;

import java.util.Optional;

/**
 * A tenant's cap on the size of a DAG it pins, as Kubo's {@code dag stat} counts it while it walks (and fetches)
 * the DAG: bytes are the unique blocks' total size, blocks every block visited. Either may be null (no cap).
 */
public record DagSizeCap(Long maxBytes, Long maxBlocks) {

    public boolean isNone() {
        return maxBytes == null && maxBlocks == null;
    }

    /** Why a walk that has reached {@code bytes} and {@code blocks} is over the cap, or empty while it is not. */
    public Optional<ContentRules.Refusal> passedBy(long bytes, long blocks) {
        if (maxBytes != null && bytes > maxBytes) {
            return Optional.of(new ContentRules.Refusal("maxDagBytes", "the DAG passed " + maxBytes + " bytes (dag stat had counted "
                    + bytes + " bytes in " + blocks + " blocks when the pin was stopped)"));
        }
        if (maxBlocks != null && blocks > maxBlocks) {
            return Optional.of(new ContentRules.Refusal("maxDagBlocks", "the DAG passed " + maxBlocks + " blocks (dag stat had counted "
                    + blocks + " blocks, " + bytes + " bytes, when the pin was stopped)"));
        }
        return Optional.empty();
    }
}
