package io.pinfold.takedown.imports;

/** A run's progress as it goes; written to its import_run row with every batch. Touched by the run's thread only. */
final class RunCounters {
    long bytesRead;
    long linesRead;
    long entriesRead;
    long staged;
    long added;
    long removed;
    long rejected;
    Integer httpStatus;

    long unchanged() {
        return Math.max(0, staged - added);
    }
}
