package io.pinfold.kubo.error;

/**
 * Kubo rejected the request itself ({@code cmds.ErrClient}, code 1, or a plain-text HTTP 400/404
 * from its argument parsing): a malformed CID or path, an unknown option value, a missing argument,
 * a command this Kubo does not know. Not transient.
 */
public final class KuboInvalidRequestException extends KuboException {

    public KuboInvalidRequestException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
