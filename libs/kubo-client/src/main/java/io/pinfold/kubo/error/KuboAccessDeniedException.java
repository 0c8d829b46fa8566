package io.pinfold.kubo.error;

/**
 * Kubo refused the caller ({@code cmds.ErrForbidden}, code 4, or HTTP 401/403 from
 * API.Authorizations): no credentials sent, a wrong secret, or a path the credentials do not allow.
 * Not transient: only a configuration change helps.
 */
public final class KuboAccessDeniedException extends KuboException {

    private final int httpStatus;

    public KuboAccessDeniedException(String call, String kuboMessage, int httpStatus) {
        this(call, kuboMessage, NO_CODE, httpStatus);
    }

    public KuboAccessDeniedException(String call, String kuboMessage, int code, int httpStatus) {
        super(call, kuboMessage, code);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
