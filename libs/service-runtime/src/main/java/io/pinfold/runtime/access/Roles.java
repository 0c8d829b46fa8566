package io.pinfold.runtime.access;

/** The roles a token can carry; resources name them in {@code @RolesAllowed}. */
public final class Roles {
    /** Runs the installation: tenants, tokens, quotas, nodes. */
    public static final String OPERATOR = "operator";
    /** A customer of the Pinning Service API; sees only its own pins. */
    public static final String TENANT = "tenant";
    /** Decides takedown notices (takedown-service). */
    public static final String REVIEWER = "reviewer";

    private Roles() {
    }

    public static boolean known(String role) {
        return OPERATOR.equals(role) || TENANT.equals(role) || REVIEWER.equals(role);
    }
}
