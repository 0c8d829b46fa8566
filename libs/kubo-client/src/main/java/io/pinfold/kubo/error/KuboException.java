package io.pinfold.kubo.error;

/**
 * A Kubo RPC call failed. The message always starts with the call ("kubo pin/add: …") so a log
 * line says which request to a node went wrong without a stack trace.
 */
public class KuboException extends RuntimeException {

    /** Kubo's own error code (go-ipfs-cmds ErrorType: 0 normal, 1 client, 2 implementation, …); -1 when Kubo sent none. */
    public static final int NO_CODE = -1;

    private final String call;
    private final int code;
    private final String kuboMessage;

    public KuboException(String call, String kuboMessage, int code) {
        this(call, kuboMessage, code, null);
    }

    public KuboException(String call, String kuboMessage, int code, Throwable cause) {
        super("kubo " + call + ": " + kuboMessage, cause);
        this.call = call;
        this.code = code;
        this.kuboMessage = kuboMessage;
    }

    /** The RPC command that failed, e.g. {@code pin/add}. */
    public String call() {
        return call;
    }

    /** Kubo's error code, or {@link #NO_CODE}. */
    public int code() {
        return code;
    }

    /** What Kubo (or the transport) said, without the call prefix. */
    public String kuboMessage() {
        return kuboMessage;
    }
}
