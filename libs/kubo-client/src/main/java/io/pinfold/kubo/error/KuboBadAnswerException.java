package io.pinfold.kubo.error;

/**
 * Kubo answered 200 but the answer could not be read as this client expects: not JSON, empty, or
 * missing a field. Not transient: it points at a Kubo version this client does not speak.
 */
public final class KuboBadAnswerException extends KuboException {

    public KuboBadAnswerException(String call, String reason, Throwable cause) {
        super(call, reason, NO_CODE, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
