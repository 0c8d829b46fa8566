package io.pinfold.kubo.error;

/** The node or a proxy in front of it refused the call for now ({@code cmds.ErrRateLimited}, code 3, or HTTP 429). Transient. */
public final class KuboRateLimitedException extends KuboException {

    public KuboRateLimitedException(String call, String kuboMessage, int code) {
        super(call, kuboMessage, code);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
