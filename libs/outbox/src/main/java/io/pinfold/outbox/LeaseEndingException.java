package io.pinfold.outbox;

/** A record not handed over: the relay's lease ends before it could settle. It stays in the outbox. */
public final class LeaseEndingException extends RuntimeException {

    public LeaseEndingException() {
        super("not handed over: the relay's lease ends before the record could settle", null, false, false);
    }
}
