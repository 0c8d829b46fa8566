package io.pinfold.edge.gateway;

/** A gateway request the edge refuses with 400 before any upstream call: names the part of the request and why. */
public final class BadGatewayRequestException extends RuntimeException {
    private final String field;

    public BadGatewayRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
