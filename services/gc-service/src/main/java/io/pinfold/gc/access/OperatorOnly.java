package io.pinfold.gc.access;

/** The one bearer scheme of gc-service's API; declared for OpenAPI on {@code PolicyResource}, named here once. */
public final class OperatorOnly {
    public static final String SCHEME = "bearer";

    private OperatorOnly() {
    }
}
