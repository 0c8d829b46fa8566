package io.pinfold.kubo.error;

/**
 * The node failed inside ({@code cmds.ErrImplementation}, code 2), or something between the client
 * and Kubo answered a 5xx that is not Kubo's error body (a proxy's 502/503/504). Transient: a
 * restarted or recovered node may answer.
 */
public final class KuboServerErrorException extends KuboException {

    private final int httpStatus;

    public KuboServerErrorException(String call, String kuboMessage, int code, int httpStatus) {
        super(call, kuboMessage, code);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
