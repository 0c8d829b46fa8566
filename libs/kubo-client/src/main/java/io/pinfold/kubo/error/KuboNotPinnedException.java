package io.pinfold.kubo.error;

/** The content is not pinned (or only indirectly), so it cannot be unpinned, updated or listed as a pin. */
public final class KuboNotPinnedException extends KuboNotFoundException {

    public KuboNotPinnedException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }
}
