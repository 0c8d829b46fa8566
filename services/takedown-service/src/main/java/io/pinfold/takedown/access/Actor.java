package io.pinfold.takedown.access;

import io.pinfold.runtime.access.TokenPrincipal;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who did something, as the audit trail and events name them: {@code token:<id>/<role>} for a token holder,
 * {@code public} for an anonymous complainant. Never a token, never a person's name.
 */
public record Actor(String name) {
    public static final Actor PUBLIC = new Actor("public");

    public static Actor of(SecurityIdentity identity) {
        TokenPrincipal principal = TokenPrincipal.of(identity);
        return new Actor("token:" + principal.tokenId() + "/" + principal.role());
    }

    @Override
    public String toString() {
        return name;
    }
}
