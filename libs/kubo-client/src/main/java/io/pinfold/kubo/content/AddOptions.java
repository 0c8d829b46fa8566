package io.pinfold.kubo.content;

import java.util.Optional;

/**
 * Options of {@code add}. Empty values leave Kubo's own default (its Import.* config) in force.
 *
 * @param cidVersion 0 or 1
 * @param rawLeaves store file leaves as raw blocks
 * @param pin pin the result (Kubo's default: true)
 * @param onlyHash compute the CID without storing anything
 * @param wrapWithDirectory wrap the file in a directory, whose CID is then the root
 * @param chunker Kubo's chunker, e.g. {@code size-1024} (many small blocks)
 */
public record AddOptions(Optional<Integer> cidVersion, Optional<Boolean> rawLeaves, Optional<Boolean> pin,
        boolean onlyHash, boolean wrapWithDirectory, Optional<String> chunker) {

    public AddOptions(Optional<Integer> cidVersion, Optional<Boolean> rawLeaves, Optional<Boolean> pin,
            boolean onlyHash, boolean wrapWithDirectory) {
        this(cidVersion, rawLeaves, pin, onlyHash, wrapWithDirectory, Optional.empty());
    }

    public static AddOptions defaults() {
        return new AddOptions(Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    public AddOptions withChunker(String kuboChunker) {
        return new AddOptions(cidVersion, rawLeaves, pin, onlyHash, wrapWithDirectory, Optional.of(kuboChunker));
    }

    public AddOptions withCidVersion(int version) {
        if (version != 0 && version != 1) {
            throw new IllegalArgumentException("add cidVersion: must be 0 or 1, got " + version);
        }
        return new AddOptions(Optional.of(version), rawLeaves, pin, onlyHash, wrapWithDirectory, chunker);
    }

    public AddOptions withRawLeaves(boolean raw) {
        return new AddOptions(cidVersion, Optional.of(raw), pin, onlyHash, wrapWithDirectory, chunker);
    }

    public AddOptions withPin(boolean pinned) {
        return new AddOptions(cidVersion, rawLeaves, Optional.of(pinned), onlyHash, wrapWithDirectory, chunker);
    }

    public AddOptions withOnlyHash(boolean hashOnly) {
        return new AddOptions(cidVersion, rawLeaves, pin, hashOnly, wrapWithDirectory, chunker);
    }

    public AddOptions withWrapWithDirectory(boolean wrap) {
        return new AddOptions(cidVersion, rawLeaves, pin, onlyHash, wrap, chunker);
    }
}
