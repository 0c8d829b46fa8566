package io.pinfold.takedown.imports;

/** This run no longer holds its source's lease (it expired and another copy may run the source): it stops. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String source) {
        super("the lease on source " + source + " was lost (it expired before this run renewed it); the run stopped");
    }
}
