package io.pinfold.runtime.rest;

/**
 * An error a user can meet: carries the HTTP status, a machine-readable reason and a message that names
 * the field and what is wrong with it. Thrown by services, turned into {@link ApiError} by {@link ErrorMapper}.
 */
public class RequestRejected extends RuntimeException {
    private final int status;
    private final String reason;

    public RequestRejected(int status, String reason, String details) {
        super(details, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static RequestRejected badRequest(String field, String problem) {
        return new RequestRejected(400, "BAD_REQUEST", field + ": " + problem);
    }

    public static RequestRejected notFound(String what) {
        return new RequestRejected(404, "NOT_FOUND", what);
    }

    public static RequestRejected conflict(String field, String problem) {
        return new RequestRejected(409, "CONFLICT", field + ": " + problem);
    }

    /** The request was well-formed but something it names (a Kubo node, say) could not be used. */
    public static RequestRejected unprocessable(String field, String problem) {
        return new RequestRejected(422, "UNPROCESSABLE", field + ": " + problem);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
