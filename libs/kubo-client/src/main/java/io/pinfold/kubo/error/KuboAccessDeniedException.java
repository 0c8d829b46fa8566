package io.pinfold.kubo.error;

/** Kubo refused the credentials (API.Authorizations): none sent, wrong secret, or path not allowed. */
public class KuboAccessDeniedException extends KuboException {

    private final int httpStatus;

    public KuboAccessDeniedException(String call, String kuboMessage, int httpStatus) {
        super(call, kuboMessage, NO_CODE);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
