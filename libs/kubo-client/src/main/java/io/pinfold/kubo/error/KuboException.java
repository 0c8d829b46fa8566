package io.pinfold.kubo.error;

/**
 * A Kubo RPC call failed. The message always starts with the call ("kubo pin/add: …") so a log
 * line says which request to a node went wrong without a stack trace.
 *
 * <p>The kinds are closed: each Kubo error code (go-ipfs-cmds {@code ErrorType}) and each failure
 * below HTTP has its own type, and {@link #isTransient()} tells a caller whether the same call
 * may succeed later (retry it) or will fail the same way (give up, report it).
 */
public abstract sealed class KuboException extends RuntimeException
        permits KuboCommandException, KuboInvalidRequestException, KuboNotFoundException, KuboServerErrorException,
        KuboRateLimitedException, KuboAccessDeniedException, KuboTimeoutException, KuboUnreachableException,
        KuboBadAnswerException, KuboUploadFailedException {

    /** Kubo's own error code (go-ipfs-cmds ErrorType); -1 when Kubo sent none. */
    public static final int NO_CODE = -1;
    /** {@code cmds.ErrNormal}: the command failed for a reason that is not a bug. */
    public static final int CODE_NORMAL = 0;
    /** {@code cmds.ErrClient}: the request itself was wrong (Kubo answers HTTP 400). */
    public static final int CODE_CLIENT = 1;
    /** {@code cmds.ErrImplementation}: a bug on the node's side. */
    public static final int CODE_IMPLEMENTATION = 2;
    /** {@code cmds.ErrRateLimited}: the node (or a proxy) refused the call for now. */
    public static final int CODE_RATE_LIMITED = 3;
    /** {@code cmds.ErrForbidden}: the caller may not run this call. */
    public static final int CODE_FORBIDDEN = 4;

    private final String call;
    private final int code;
    private final String kuboMessage;

    KuboException(String call, String kuboMessage, int code) {
        this(call, kuboMessage, code, null);
    }

    KuboException(String call, String kuboMessage, int code, Throwable cause) {
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

    /**
     * True when the same call may succeed if sent again later (the node was busy, slow, unreachable
     * or failed inside); false when it will fail the same way until the request or the node's
     * content or configuration changes.
     */
    public abstract boolean isTransient();
}
