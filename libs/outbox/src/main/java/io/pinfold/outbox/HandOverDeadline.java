package io.pinfold.outbox;

/**
 * The last moment (on {@link System#nanoTime()}) a record may be handed to the broker client: after it, the
 * record could still be written once this relay's lease has ended and another relay leads.
 */
public record HandOverDeadline(long nanoTime) {

    public boolean hasPassed() {
        return System.nanoTime() - nanoTime >= 0;
    }
}
