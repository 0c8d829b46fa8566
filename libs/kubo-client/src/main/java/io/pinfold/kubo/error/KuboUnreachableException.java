package io.pinfold.kubo.error;

/** The node's RPC endpoint could not be reached, or the connection broke before the answer was complete. Transient. */
public final class KuboUnreachableException extends KuboException {

    public KuboUnreachableException(String call, String reason, Throwable cause) {
        super(call, reason, NO_CODE, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
