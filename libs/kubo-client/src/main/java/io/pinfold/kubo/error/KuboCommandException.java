package io.pinfold.kubo.error;

/**
 * Kubo ran the command and it failed for a reason that is not a bug ({@code cmds.ErrNormal}, code 0)
 * and that no narrower type names, e.g. {@code … is pinned recursively}. Also any error code this
 * client does not know, kept in {@link #code()}. Not transient: Kubo would answer the same again.
 */
public final class KuboCommandException extends KuboException {

    public KuboCommandException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
