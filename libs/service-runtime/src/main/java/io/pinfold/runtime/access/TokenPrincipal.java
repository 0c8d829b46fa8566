package io.pinfold.runtime.access;

import io.quarkus.security.identity.SecurityIdentity;
import java.security.Principal;
import java.util.UUID;

/** Who called: the token's id, its role and, for a tenant token, its tenant. Never the token itself. */
public record TokenPrincipal(UUID tokenId, String role, UUID tenantId) implements Principal {

    @Override
    public String getName() {
        return "token:" + tokenId;
    }

    /** The caller of a request that passed {@code @RolesAllowed}. */
    public static TokenPrincipal of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof TokenPrincipal principal) {
            return principal;
        }
        throw new IllegalStateException("the request was not authenticated with a bearer token");
    }
}
